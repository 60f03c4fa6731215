"""Rebuild corpora/lawful/sections.jsonl.gz from pinned snapshots of repositories that mirror official
legislation. Data only: every text is read from the snapshot's git objects (`git show COMMIT:PATH`), never
from a work tree, and nothing in a snapshot is run.

    python corpora/lawful/build.py --mirror /work/.mirror            # snapshots as owner+name/repo[/.git]
    python corpora/lawful/build.py --git justicecanada/laws-lois-xml=/path/to/git-dir ...

Each source below is pinned by commit; a snapshot whose HEAD has moved still works as long as it holds the
pinned commit. The output is deterministic: the same snapshots give the same bytes (gzip mtime 0, sorted
records, selection by a hash of each record's id rather than by chance).

One record per section (article): id, jurisdiction, language, instrument, label, heading, text, source
("owner/repo@commit:path"), publisher, basis. Repealed stubs, empty sections, formula articles
("Comuníquese al Poder Ejecutivo") and sections that are only a table are skipped.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sections.jsonl.gz"


@dataclass(frozen=True)
class Source:
    repo: str
    commit: str
    publisher: str
    basis: str


CANADA = Source(
    "justicecanada/laws-lois-xml", "d6853c4af2ae0b7ab8c205a0e95ee734b9945c31",
    "Department of Justice Canada (Consolidated Acts, official XML)",
    "Reproduction of Federal Law Order, SI/97-5 (anyone may reproduce federal enactments without charge or "
    "permission, accurately and not as an official version); the repository is also under the Open "
    "Government Licence - Canada",
)
US = Source(
    "opengovfoundation/us-federal-code", "b39fd6cf4e62c84aa8efe30877cd8635f29a2853",
    "Office of the Law Revision Counsel, U.S. House of Representatives (United States Code, USLM XML, "
    "release Online@113-31, 2013)",
    "17 U.S.C. 105: works of the United States Government are not subject to copyright",
)
FRANCE = Source(
    "legalize-dev/legalize-fr", "bde5444da9141948b2130a3c4f94d750189eb88e",
    "DILA, base LEGI / Legifrance (codes consolides)",
    "Legislative texts are not protected by copyright in France (Code de la propriete intellectuelle; "
    "official acts are public); the LEGI data set is published under the Licence Ouverte / Etalab 2.0",
)
ARGENTINA = Source(
    "legalize-dev/legalize-ar", "3b589c1398d6c16de4e6a4f4986d511559659a56",
    "Ministerio de Justicia, Direccion Nacional del SAIJ (InfoLEG, texto actualizado)",
    "InfoLEG data published by the Ministerio de Justicia under Creative Commons Attribution 4.0 (Resolucion "
    "MINJUS 986/2016); attribution: Direccion Nacional del SAIJ",
)
PERU = Source(
    "crafter-research/legalize-pe", "45109e4b9e0174bf283a40dffae3597cf2af16fb",
    "Ministerio de Justicia y Derechos Humanos, SPIJ / Diario Oficial El Peruano",
    "Decreto Legislativo 822 (Ley sobre el Derecho de Autor), art. 9: legal and regulatory provisions are "
    "not protected by copyright",
)

SOURCES = [CANADA, US, FRANCE, ARGENTINA, PERU]

# How many sections to keep from each (jurisdiction, language): a deterministic hash-ordered subset, so the
# corpus stays small enough to lint in a few minutes on two cores and English stays the majority.
QUOTA = {
    ("CA", "en"): 14000,
    ("CA", "fr"): 4000,
    ("US", "en"): 7000,
    ("FR", "fr"): 4000,
    ("AR", "es"): 3500,
    ("PE", "es"): 2500,
}
MAX_CHARS = 6000  # longer sections are kept whole up to this many characters, cut at a line break


# ------------------------------------------------------------------------------------------- git access


class Git:
    def __init__(self, git_dir: Path, source: Source):
        self.dir = git_dir
        self.commit = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", source.commit + "^{commit}"],
                                     capture_output=True, text=True, check=True).stdout.strip()
        self.source = source
        self._batch = None

    def ls(self, prefix: str = "") -> list[tuple[str, int | None]]:
        """(path, size) of every blob under prefix at the pinned commit; size None where the snapshot lacks it."""
        cmd = ["git", "--git-dir", str(self.dir), "ls-tree", "-r", "-l", self.commit]
        out = subprocess.run(cmd + (["--", prefix] if prefix else []), capture_output=True, text=True,
                             check=True).stdout
        rows = []
        for line in out.splitlines():
            meta, path = line.split("\t", 1)
            size = meta.split()[3]
            rows.append((path, int(size) if size.isdigit() else None))
        return rows

    def show(self, path: str) -> bytes | None:
        """The blob at path, through one long-lived `git cat-file --batch` (a process per file is slow)."""
        if self._batch is None:
            self._batch = subprocess.Popen(["git", "--git-dir", str(self.dir), "cat-file", "--batch"],
                                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._batch.stdin.write(f"{self.commit}:{path}\n".encode())
        self._batch.stdin.flush()
        header = self._batch.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        data = self._batch.stdout.read(int(header[2]))
        self._batch.stdout.read(1)
        return data

    def close(self) -> None:
        if self._batch is not None:
            self._batch.stdin.close()
            self._batch.wait()
            self._batch = None

    def cite(self, path: str) -> str:
        return f"{self.source.repo}@{self.commit}:{path}"


def find_git_dir(mirror: Path, repo: str) -> Path | None:
    base = mirror / repo.replace("/", "+") / "repo"
    for cand in (base / ".git", base):
        if (cand / "objects").is_dir():
            return cand
    return None


def fetch_hint(repo: str) -> str:
    return (f"no snapshot of {repo}: bring it in (the search tool's fetch, github:{repo}) or clone it, and "
            f"pass --git {repo}=GIT_DIR")


# ------------------------------------------------------------------------------------------- text helpers

_WS = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


_WORD_HTML = re.compile(r"\[if !\w+\]|\[endif\]")  # conditional comments left by Word-made HTML


def clean(s: str) -> str:
    return _WS.sub(" ", _WORD_HTML.sub("", s)).strip()


def cap(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_CHARS)
    return text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS].rstrip()


def key(rec_id: str) -> str:
    return hashlib.sha1(rec_id.encode()).hexdigest()


# ------------------------------------------------------------------------------------------- Canada

_CA_SKIP = {"HistoricalNote", "MarginalNote", "Footnote", "TableGroup", "FormGroup", "ImageGroup", "Note",
            "ReadAsText", "LeaderRightJustified", "Formula", "FormulaGroup", "ScheduleFormHeading",
            "OriginatingRef", "RelatedOrNotInForce"}
_CA_LEVELS = {"Subsection", "Paragraph", "Subparagraph", "Clause", "Subclause", "Subsubclause", "Definition",
              "ContinuedSectionSubsection", "ContinuedParagraph", "ContinuedSubparagraph", "ContinuedClause",
              "ContinuedSubclause", "ContinuedDefinition", "Provision", "List", "Item"}
_REPEALED = re.compile(r"^\[?\s*(repealed|abrog\w*|derogad\w*|spent|p[ée]rim\w*|expired|[ée]puis\w*)\b"
                       r"|^\[[^\]\n]*\]\W*$", re.I)  # or only an editorial note: "[Amendments]", "[Repeal]"


def _ca_text(el: ET.Element, lang: str) -> str:
    """The words of a <Text>, defined terms in the quotation marks a reader pastes them with."""
    parts: list[str] = [el.text or ""]
    for ch in el:
        if ch.tag in ("FootnoteRef", "Footnote", "HistoricalNote"):
            pass
        elif ch.tag == "DefinedTermEn" and lang == "en" or ch.tag == "DefinedTermFr" and lang == "fr":
            t = clean("".join(ch.itertext()))
            parts.append(f"“{t}”" if lang == "en" else f"« {t} »")
        else:
            parts.append("".join(ch.itertext()))
        parts.append(ch.tail or "")
    return clean("".join(parts))


def _ca_lines(el: ET.Element, lang: str, out: list[str], has_table: list[bool], top: bool = False) -> None:
    label = ""
    for ch in el:
        tag = ch.tag
        if tag == "Label":
            label = "" if top else clean("".join(ch.itertext()))
        elif tag == "Text":
            t = _ca_text(ch, lang)
            if t:
                out.append(f"{label} {t}".strip() if label else t)
                label = ""
        elif tag in ("TableGroup", "FormulaGroup", "Formula"):
            has_table[0] = True
        elif tag in _CA_SKIP:
            continue
        elif tag in _CA_LEVELS or tag in ("Repealed",):
            _ca_lines(ch, lang, out, has_table)
        else:
            t = clean("".join(ch.itertext()))
            if t and tag not in ("Label",):
                out.append(t)


def _ca_sections(body: ET.Element):
    for ch in body:
        if ch.tag == "Section":
            yield ch
        elif ch.tag not in ("Schedule", "Section"):
            yield from _ca_sections(ch)


def canada(git: Git, lang: str):
    folder = "eng/acts/" if lang == "en" else "fra/lois/"
    for path, size in git.ls(folder):
        if size is None or not path.endswith(".xml"):
            continue
        data = git.show(path)
        if not data:
            continue
        root = ET.fromstring(data)
        if root.get("in-force") == "no":
            continue
        title = clean("".join(root.find("Identification/ShortTitle").itertext())) \
            if root.find("Identification/ShortTitle") is not None else \
            clean("".join(root.find("Identification/LongTitle").itertext()))
        chapter = Path(path).stem
        body = root.find("Body")
        if body is None:
            continue
        for sec in _ca_sections(body):
            if sec.get("in-force") == "no":
                continue
            label = clean("".join(sec.find("Label").itertext())) if sec.find("Label") is not None else ""
            note = sec.find("MarginalNote")
            heading = clean("".join(note.itertext())) if note is not None else ""
            lines: list[str] = []
            table = [False]
            _ca_lines(sec, lang, lines, table, top=True)
            text = "\n".join(lines)
            if not text or _REPEALED.match(text) or (table[0] and len(text) < 80):
                continue
            rid = f"ca-{lang}:{chapter}:s{label}"
            yield dict(id=rid, jurisdiction="CA", language=lang, instrument=f"{title} ({chapter})", label=label,
                       heading=heading, text=cap(text), source=git.cite(path))


# ------------------------------------------------------------------------------------------- United States

_NS = "{http://xml.house.gov/schemas/uslm/1.0}"
_US_LEVELS = {"subsection", "paragraph", "subparagraph", "clause", "subclause", "item", "subitem", "subsubitem"}
_US_TEXT = {"chapeau", "content", "continuation", "text"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _us_inline(el: ET.Element) -> str:
    parts = [el.text or ""]
    for ch in el:
        if _local(ch.tag) not in ("note", "notes", "footnote", "sourceCredit", "table", "layout", "toc"):
            parts.append(_us_inline(ch))
        parts.append(ch.tail or "")
    return "".join(parts)


def _us_lines(el: ET.Element, out: list[str], has_table: list[bool], top: bool) -> None:
    num = ""
    for ch in el:
        tag = _local(ch.tag)
        if tag == "num":
            num = "" if top else clean("".join(ch.itertext()))
        elif tag == "heading":
            if not top:
                h = clean("".join(ch.itertext()))
                if h:
                    num = f"{num} {h}".strip()
        elif tag in _US_TEXT:
            if ch.find(f".//{_NS}table") is not None or ch.find(f".//{_NS}layout") is not None:
                has_table[0] = True
            t = clean(_us_inline(ch))
            if t:
                out.append(f"{num} {t}".strip() if num else t)
                num = ""
        elif tag in _US_LEVELS:
            if num:
                out.append(num)
                num = ""
            _us_lines(ch, out, has_table, False)
        elif tag in ("table", "layout"):
            has_table[0] = True
    if num:
        out.append(num)


def _us_sections(el: ET.Element):
    for ch in el:
        tag = _local(ch.tag)
        if tag == "section":
            yield ch
        elif tag not in ("notes", "note", "toc", "quotedContent", "meta"):
            yield from _us_sections(ch)


def united_states(git: Git):
    for path, size in git.ls(""):
        if size is None or not re.fullmatch(r"usc\d+a?\.xml", path):
            continue
        root = ET.fromstring(git.show(path))
        main = root.find(f"{_NS}main")
        title_no = path[3:-4].lstrip("0")
        th = root.find(f"{_NS}main/{_NS}title/{_NS}heading")
        tname = clean("".join(th.itertext())).title() if th is not None else ""
        for sec in _us_sections(main):
            if sec.get("status"):
                continue  # repealed, transferred, omitted, renumbered ...
            num = sec.find(f"{_NS}num")
            label = (num.get("value") if num is not None else "") or ""
            h = sec.find(f"{_NS}heading")
            heading = clean("".join(h.itertext())) if h is not None else ""
            if not label or re.match(r"^\W*(repealed|omitted|transferred|renumbered|vacant)\b", heading, re.I):
                continue
            lines: list[str] = []
            table = [False]
            _us_lines(sec, lines, table, True)
            text = "\n".join(lines)
            if not text or _REPEALED.match(text) or (table[0] and len(text) < 80):
                continue
            yield dict(id=f"us:{title_no}usc{label}", jurisdiction="US", language="en",
                       instrument=f"United States Code, Title {title_no}: {tname}", label=f"{title_no} U.S.C. {label}",
                       heading=heading, text=cap(text), source=git.cite(path))


# ------------------------------------------------------------------------------------------- markdown helpers


def frontmatter(text: str) -> tuple[dict, str]:
    meta: dict[str, str] = {}
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end > 0:
            last = None
            for line in text[3:end].splitlines():
                m = re.match(r"^([a-z_]+):\s*(.*)$", line)
                if m:
                    last = m.group(1)
                    value = m.group(2).strip()
                    meta[last] = "" if value in (">-", ">", "|", "|-") else value.strip("'\"")
                elif last and line.startswith(" "):  # a folded value continues on indented lines
                    meta[last] = clean(f"{meta[last]} {line.strip()}").strip("'\"")
            text = text[end + 4:]
    return meta, text


def unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines: a line that does not end a sentence or an item runs on into the next."""
    paras: list[str] = []
    cur = ""
    for raw in lines:
        line = clean(raw.replace("**", "").replace("__", ""))
        if not line:
            continue
        if line.startswith("|") or set(line) <= set("-|: "):
            continue  # markdown table rows
        if cur and not re.search(r"[.:;!?»”\")]$", cur) and not re.match(r"^(?:[a-z]\)|\d+[.)]|[IVX]+[.)-])\s", line):
            cur = f"{cur} {line}"
        else:
            if cur:
                paras.append(cur)
            cur = line
    if cur:
        paras.append(cur)
    return "\n".join(paras)


# ------------------------------------------------------------------------------------------- France

_FR_ART = re.compile(r"^#{1,6}\s+Article\s+(.+?)\s*$")


def france(git: Git):
    for path, size in git.ls("fr/"):
        if size is None or not path.endswith(".md"):
            continue
        meta, body = frontmatter(git.show(path).decode("utf-8"))
        if meta.get("status", "in_force") != "in_force":
            continue
        title = meta.get("title", Path(path).stem)
        label, heading, buf = None, "", []
        lines = body.splitlines()

        def flush():
            if label is None:
                return None
            text = unwrap(buf)
            if len(text) < 25 or _REPEALED.match(text) or text.startswith("(Abrogé"):
                return None
            return dict(id=f"fr:{meta.get('identifier', Path(path).stem)}:art{label}", jurisdiction="FR",
                        language="fr", instrument=title, label=f"Article {label}", heading=heading,
                        text=cap(text), source=git.cite(path))

        for line in lines:
            if line.startswith("#"):
                rec = flush()
                if rec:
                    yield rec
                m = _FR_ART.match(line)
                label, buf = (m.group(1) if m else None), []
            elif label is not None:
                buf.append(line)
        rec = flush()
        if rec:
            yield rec


# ------------------------------------------------------------------------------------------- Argentina, Peru

_ES_ART = re.compile(r"^(?:#{1,6}\s*)?(?:ART[IÍ]CULO|Art[ií]culo|ART\.|Art\.)\s*(\d+[a-zA-Z]*|[IVXL]+|[ÚU]NICO|[ÚU]nico)"
                     r"\s*(?:°|º|o\.|\s(?:bis|ter|quater)\b)?\s*(?:[\.\-—–:]\s*)*(.*)$")
_ES_STOP = re.compile(r"^(?:#{1,6}\s*)?(?:DAD[AO] EN LA SALA|Dad[ao] en la Sala|REGISTRAD[AO] BAJO|POR TANTO|"
                      r"Mando se publique|Dado en la Casa de Gobierno|Comun[ií]quese al se[ñn]or Presidente|"
                      r"EN TESTIMONIO|FIRMANTES|Firmantes)")
_ES_FORMULA = re.compile(r"^(?:Comun[ií]quese|De forma\b|Reg[ií]strese|Publ[ií]quese|Dese a la Direcci[oó]n)", re.I)
_ES_REPEALED = re.compile(r"^\(?\s*(?:Art[ií]culo\s+)?(?:derogad[oa]|sustituid[oa] por|vetad[oa]|observad[oa]|"
                          r"abrogad[oa]|Nota Infoleg|Incorporad[oa] por)", re.I)


def _es_articles(body: str):
    """(label, text) for each article of a Spanish-language statute, up to its signing formula."""
    label, buf, skip_notes = None, [], False
    for line in body.splitlines():
        s = line.strip()
        if _ES_STOP.match(s.replace("**", "")):
            break
        m = _ES_ART.match(s.replace("**", ""))
        if m:
            if label is not None:
                yield label, unwrap(buf)
            label, buf, skip_notes = m.group(1).upper(), [m.group(2)], False
        elif label is not None:
            if re.match(r"^(?:#+\s*)?(?:CONCORDANCIAS|JURISPRUDENCIA|PROCESOS CONSTITUCIONALES|Nota:|NOTA:)", s):
                skip_notes = True
                continue
            if skip_notes:
                continue
            if s.startswith("#"):
                s = s.lstrip("#").strip()
                if re.match(r"^(T[IÍ]TULO|CAP[IÍ]TULO|SECCI[OÓ]N|LIBRO|PARTE|ANEXO|Cap[ií]tulo|T[ií]tulo|Secci[oó]n)\b", s):
                    yield label, unwrap(buf)
                    label, buf = None, []
                    continue
            buf.append(s)
    if label is not None:
        yield label, unwrap(buf)


def _es_records(git: Git, path: str, jur: str, prefix: str):
    raw = git.show(path)
    if not raw:
        return
    meta, body = frontmatter(raw.decode("utf-8", "replace"))
    if meta.get("status", "in_force") not in ("in_force", "vigente"):
        return
    title = meta.get("title", Path(path).stem)
    ident = meta.get("identifier", Path(path).stem)
    seen: set[str] = set()
    for label, text in _es_articles(body):
        if label in seen:  # a second article 1 is a quoted or annexed text: keep the first numbering only
            continue
        seen.add(label)
        if len(text) < 40 or _ES_FORMULA.match(text) or _ES_REPEALED.match(text) or _REPEALED.match(text):
            continue
        yield dict(id=f"{prefix}:{ident}:art{label}", jurisdiction=jur, language="es", instrument=title,
                   label=f"Artículo {label}", heading="", text=cap(text), source=git.cite(path))


def argentina(git: Git):
    for path, size in git.ls("ar/"):
        if size is None or not re.match(r"ar/(LEY|DNU|DL)-", path):
            continue
        yield from _es_records(git, path, "AR", "ar")


def peru(git: Git):
    for path, size in git.ls("pe/"):
        if size is None or not re.match(r"pe/(LEY|DLEG|DL|DU|CODIGO|CON)-", path):
            continue
        yield from _es_records(git, path, "PE", "pe")


# ------------------------------------------------------------------------------------------- main

EXTRACT = {
    CANADA.repo: lambda g: [*canada(g, "en"), *canada(g, "fr")],
    US.repo: lambda g: list(united_states(g)),
    FRANCE.repo: lambda g: list(france(g)),
    ARGENTINA.repo: lambda g: list(argentina(g)),
    PERU.repo: lambda g: list(peru(g)),
}


def build(git_dirs: dict[str, Path], out: Path = OUT, verbose: bool = True) -> dict:
    pools: dict[tuple[str, str], dict[str, dict]] = {}
    seen_text: set[str] = set()
    for src in SOURCES:
        git = Git(git_dirs[src.repo], src)
        n = 0
        for rec in EXTRACT[src.repo](git):
            digest = hashlib.sha1(rec["text"].encode()).hexdigest()
            if digest in seen_text:
                continue  # the same words twice (a bilingual item, a duplicated norm): once is enough
            seen_text.add(digest)
            rec["publisher"], rec["basis"] = src.publisher, src.basis
            pool = pools.setdefault((rec["jurisdiction"], rec["language"]), {})
            if rec["id"] in pool:
                rec["id"] += "#" + digest[:8]
            pool[rec["id"]] = rec
            n += 1
        git.close()
        if verbose:
            print(f"{src.repo}@{git.commit[:12]}: {n} candidate sections", file=sys.stderr)
    chosen = []
    counts = {}
    for jl, pool in sorted(pools.items()):
        ids = sorted(pool, key=key)[: QUOTA.get(jl, 0)]
        counts[f"{jl[0]}/{jl[1]}"] = (len(ids), len(pool))
        chosen.extend(pool[i] for i in ids)
    chosen.sort(key=lambda r: (r["jurisdiction"], r["language"], r["id"]))
    fields = ["id", "jurisdiction", "language", "instrument", "label", "heading", "text", "source", "publisher",
              "basis"]
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        for r in chosen:
            gz.write((json.dumps({k: r[k] for k in fields}, ensure_ascii=False) + "\n").encode())
    out.write_bytes(buf.getvalue())
    if verbose:
        for k, (kept, total) in counts.items():
            print(f"  {k}: kept {kept} of {total}", file=sys.stderr)
        print(f"wrote {out} ({len(chosen)} sections, {out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"),
                    help="folder of fetched snapshots, one per repository as owner+name/repo")
    ap.add_argument("--git", action="append", default=[], metavar="OWNER/NAME=GIT_DIR",
                    help="the git directory of one source repository (overrides --mirror)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    given = dict(g.split("=", 1) for g in args.git)
    dirs = {}
    for src in SOURCES:
        d = Path(given[src.repo]) if src.repo in given else find_git_dir(args.mirror, src.repo)
        if d is None:
            print(fetch_hint(src.repo), file=sys.stderr)
            return 2
        dirs[src.repo] = d
    build(dirs, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
