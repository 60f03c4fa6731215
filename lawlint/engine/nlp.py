"""The spaCy pipeline: a blank language with the lookup lemmatizer, built once per process and language.

No trained model and no download: tokenizer rules and lemma tables ship with spaCy and
spacy-lookups-data, so output is deterministic and works offline. spaCy is imported here, lazily.
"""

from __future__ import annotations

import threading

_CACHE: dict[str, object] = {}
_LOCK = threading.Lock()

# Typographic characters folded to ASCII one-for-one, so offsets stay valid and patterns written with
# straight quotes match text set with curly ones. An em dash becomes ":", not "-": it ends lead-ins
# ("under a warrant issued by a magistrate—"), and a trailing "-" would stay glued to the word before it.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": ":", "\u2015": ":", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\t": " ", "\n": " ", "\r": " ", "\f": " ", "\v": " ",
    "\u00ad": " ", "\u200b": " ",
})


def fold(text: str) -> str:
    """Same length as `text`: typographic quotes, dashes and odd spaces made plain."""
    return text.translate(_FOLD)


def get_nlp(lang: str):
    """The pipeline for `lang` (cached per process). Raises LawlintError if spaCy has no such language."""
    nlp = _CACHE.get(lang)
    if nlp is not None:
        return nlp
    with _LOCK:
        nlp = _CACHE.get(lang)
        if nlp is None:
            nlp = _CACHE[lang] = _build(lang)
    return nlp


def import_spacy():
    """Import spaCy without its command-line package.

    `import spacy` imports `spacy.cli` only to re-export `spacy.info`, and that pulls in typer, weasel,
    httpx, rich and jinja2: about a third of spaCy's import time, which every `lawlint check` would pay.
    While spaCy imports, `spacy.cli` is a stand-in; it is removed again at once, so a later
    `import spacy.cli` (or a call to `spacy.info`) loads the real package."""
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    import importlib
    import types

    stubs: dict[str, types.ModuleType] = {}
    if "spacy.cli" not in sys.modules:
        cli = types.ModuleType("spacy.cli")
        info_mod = types.ModuleType("spacy.cli.info")

        def info(*args, **kwargs):
            return importlib.import_module("spacy.cli.info").info(*args, **kwargs)

        info_mod.info = info
        cli.info = info_mod
        stubs = {"spacy.cli": cli, "spacy.cli.info": info_mod}
        sys.modules.update(stubs)
    try:
        import spacy
    finally:
        for name, mod in stubs.items():
            if sys.modules.get(name) is mod:
                del sys.modules[name]
    if stubs and getattr(spacy, "cli", None) is stubs["spacy.cli"]:
        del spacy.cli
    return spacy


def _build(lang: str):
    spacy = import_spacy()
    from spacy.language import Language

    from lawlint.model import LawlintError

    try:
        nlp = spacy.blank(lang)
    except Exception as exc:  # spaCy raises ImportError/ValueError subclasses for unknown codes
        raise LawlintError(f"no spaCy language support for {lang!r}: {exc}") from None
    # Only the tokenizer and a lemma look-up run, whose memory grows linearly, so spaCy's 1,000,000-char
    # guard (meant for parsers) would only reject long unnumbered clauses; input size is capped by limits.
    nlp.max_length = 200_000_000
    table = _cached_table(lang)
    if table is None:
        try:
            lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
            table = lemmatizer.lookups.get_table("lemma_lookup")
        except Exception:  # no lookup table for this language: lemmas fall back to lower-case forms
            if "lemmatizer" in nlp.pipe_names:
                nlp.remove_pipe("lemmatizer")
        if "lemmatizer" in nlp.pipe_names:
            # spaCy's lookup is case-sensitive ("Publishes" stays "Publishes"); ours looks up the lower-case
            # form, and works on string hashes with a cache, which keeps it close to tokenizer speed.
            nlp.remove_pipe("lemmatizer")
        if table is not None:
            _store_table(lang, table)
    name = f"lawlint_lemma_{lang}"
    component, batch = _make_lemmatizer(table)
    if not Language.has_factory(name):
        Language.component(name, func=component)
    nlp.add_pipe(name)
    _BATCH[lang] = batch
    return nlp


_BATCH: dict = {}


# --- the lemma table, cached on disk ------------------------------------------------------------------
#
# spacy-lookups-data ships each table as gzipped JSON that spaCy reads whole: 0.4 s for English's 42,000
# forms, 2-3 s for German's 355,000 and Portuguese's 825,000, on every run. A bill uses a few thousand word
# forms, so the table is copied once into an SQLite file in lawlint's cache directory (beside the rule cache,
# keyed by the data package's version and the table file's size and date) and later runs look up only the
# forms they meet. The values are the same strings, so lemmas do not change; without a usable cache
# directory (LAWLINT_NO_CACHE=1, a read-only home) the table is read from the data package as before.


_COMPLETE = "\0rows"  # the row count, stored under a key no word form can have


class _SqliteTable:
    """The part of a lookup Table the lemmatizer uses (`get`), answered from an SQLite copy."""

    def __init__(self, path):
        import sqlite3

        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            row = self._db.execute("SELECT v FROM t WHERE k = ?", (key,)).fetchone()
        return row[0] if row else default


def _table_path(lang: str):
    """The cache file for `lang`'s table, or None when there is no cache or no such table."""
    import os
    from pathlib import Path

    from lawlint.cache import cache_dir

    cache = cache_dir("rules")
    if cache is None:
        return None
    try:
        import spacy_lookups_data

        src = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lemma_lookup.json.gz"
        st = src.stat()
        version = getattr(spacy_lookups_data, "__version__", "")
    except (ImportError, OSError):
        return None
    key = f"v2-{version}-{st.st_size}-{int(st.st_mtime)}"
    return Path(os.fspath(cache)) / f"lemmas-{lang}-{key}.sqlite"


def _cached_table(lang: str):
    path = _table_path(lang)
    if path is None or not path.is_file():
        return None
    try:
        table = _SqliteTable(path)
        # written last, so a file without it (unfinished, or empty) is never used
        if not int(table.get(_COMPLETE, "0")):
            return None
        return table
    except Exception:
        return None


def _store_table(lang: str, table) -> None:
    """Copy the language's lookup table into the cache; any failure leaves the cache as it was. spaCy's Table
    keeps only string hashes, so the copy is made from the data package's JSON that the Table was built from."""
    path = _table_path(lang)
    if path is None:
        return
    import os
    import sqlite3
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        db = sqlite3.connect(tmp)
        db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")

        import gzip
        import json

        import spacy_lookups_data

        src = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data", f"{lang}_lemma_lookup.json.gz")
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            data = json.load(fh)  # the same form -> lemma mapping spaCy's Table was built from

        def rows():
            for k, v in data.items():
                if isinstance(v, (list, tuple)):
                    v = v[0] if v else None
                if isinstance(k, str) and isinstance(v, str) and v:
                    yield k, v

        db.executemany("INSERT OR IGNORE INTO t VALUES (?, ?)", rows())
        n = db.execute("SELECT count(*) FROM t").fetchone()[0]
        if not n:
            raise ValueError("empty lemma table")
        db.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (_COMPLETE, str(n)))
        db.commit()
        db.close()
        os.replace(tmp, path)
        tmp = None
    except Exception:  # read-only or full disk: run without the cache
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def tokenize(lang: str, texts: list[str]) -> list:
    """Docs for `texts`, tokenized and lemmatized, as fast as spaCy allows.

    Each text is tokenized on its own: spaCy's tokenizer stops caching for the rest of a string once it
    meets a special case (an abbreviation like "Inc."), so one bill-sized string would be tokenized
    several times slower than its clauses one by one. Lemmas are then set for all Docs in one batch."""
    nlp = get_nlp(lang)
    docs = list(nlp.tokenizer.pipe(texts))
    _BATCH[lang](docs)
    return docs


def _as_lemma(found, text: str) -> str:
    """The lower-case lemma from a lookup-table value. Most tables map a form to one string; the French
    table (spacy-lookups-data) maps it to a list of candidates, the first being the usual reading."""
    if isinstance(found, (list, tuple)):
        found = found[0] if found else None
    return found.lower() if found else text


def _make_lemmatizer(table):
    """A component setting each token's lemma to the lower-case lookup lemma of its lower-case form.

    Works on whole arrays of string hashes (no Token objects) with a cache per word form, so it costs
    about as much as one dictionary look-up per token."""
    import numpy
    from spacy.attrs import LEMMA, LOWER

    cache: dict[int, int] = {}

    def lemmatize(doc):
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        if len(doc) < 16:  # short texts (patterns, headings): per-token access beats array set-up
            for token in doc:
                low = token.lower
                lemma = cache.get(low)
                if lemma is None:
                    text = token.lower_
                    found = table.get(text) if table is not None else None
                    lemma = cache[low] = strings.add(_as_lemma(found, text))
                token.lemma = lemma
            return doc
        uniq, inverse = numpy.unique(doc.to_array(LOWER), return_inverse=True)
        out = []
        for low in uniq.tolist():  # each word form once
            lemma = cache.get(low)
            if lemma is None:
                text = strings[low]
                found = table.get(text) if table is not None else None
                lemma = cache[low] = strings.add(_as_lemma(found, text))
            out.append(lemma)
        lemmas = numpy.array(out, dtype="uint64")[inverse]
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def batch(docs: list) -> None:
        """Lemmatize many Docs with one unique/look-up pass over all their tokens."""
        docs = [d for d in docs if len(d)]
        if not docs:
            return
        strings = docs[0].vocab.strings
        lows = numpy.concatenate([d.to_array(LOWER) for d in docs])
        uniq, inverse = numpy.unique(lows, return_inverse=True)
        out = []
        for low in uniq.tolist():
            lemma = cache.get(low)
            if lemma is None:
                text = strings[low]
                found = table.get(text) if table is not None else None
                lemma = cache[low] = strings.add(_as_lemma(found, text))
            out.append(lemma)
        lemmas = numpy.array(out, dtype="uint64")[inverse].reshape(-1, 1)
        pos = 0
        for d in docs:
            n = len(d)
            d.from_array([LEMMA], lemmas[pos:pos + n])
            pos += n

    return lemmatize, batch
