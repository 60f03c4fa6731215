"""Classify the number at the start of a line: "(iv)", "22.", "(A)", "Article 3 bis", "§ 202a", "Part II".

A token may be read several ways ("(i)" is the ninth letter or roman one); every reading is returned as a
candidate and the segmenter picks one from context. Nothing here knows about the clause tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Styles of subdivision numbers (below section level).
PAREN_ARABIC = "paren-arabic"  # (1) (1A) [1]
PAREN_LOWER = "paren-lower"  # (a) (aa)
PAREN_ROMAN = "paren-roman"  # (iv)
PAREN_DOUBLE = "paren-double"  # (aa) (bb): a level of its own under an item, or letters after (z)
PAREN_UPPER = "paren-upper"  # (A)
PAREN_UPPER_ROMAN = "paren-upper-roman"  # (IV)
DOT_ARABIC = "dot-arabic"  # 1. as an item inside a section or article (civil-law Nummer, treaty paragraph)
CLOSE_ARABIC = "close-arabic"  # 1)
CLOSE_LOWER = "close-lower"  # a)
CLOSE_ROMAN = "close-roman"  # iv)
DOT_LOWER = "dot-lower"  # a. (treaty sub-paragraphs)
DOT_UPPER = "dot-upper"  # A. (deep levels in some Acts)
DOT_ROMAN = "dot-roman"  # iv.
DOT_UPPER_ROMAN = "dot-upper-roman"  # IV.
DASH_UPPER_ROMAN = "dash-upper-roman"  # IV - (Brazilian and Portuguese incisos)
PARAGRAPH_PT = "paragraph-pt"  # § 1º, Parágrafo único: a paragraph of an article in Lusophone law, not a section

# Styles that count the same way; a sibling may switch bracket style ("(b)" then "c)") by mistake.
FAMILY = {
    PAREN_ARABIC: "arabic", CLOSE_ARABIC: "arabic", DOT_ARABIC: "arabic",
    PAREN_LOWER: "lower", CLOSE_LOWER: "lower", DOT_LOWER: "lower", PAREN_DOUBLE: "double",
    PAREN_ROMAN: "roman", CLOSE_ROMAN: "roman", DOT_ROMAN: "roman",
    PAREN_UPPER: "upper", DOT_UPPER: "upper", PAREN_UPPER_ROMAN: "upper-roman", DOT_UPPER_ROMAN: "upper-roman",
    DASH_UPPER_ROMAN: "upper-roman", PARAGRAPH_PT: "pt-paragraph",
}

# Styles of section-level numbers.
SECTION_DOT = "section-dot"  # 22.  5.—  342.1  2(1)  1Prohibition  (number at the start, no keyword)
SECTION_WORD = "section-word"  # Section 5, Sec. 2., Rule 3
ARTICLE = "article"  # Article 12, Art. 3 bis, Article premier, Artículo 1, Článek 2
PARAGRAPH_SIGN = "paragraph-sign"  # § 202a
CONTAINER = "container"  # Part II, Chapter 3, Schedule 1 ...

SECTION_STYLES = frozenset({SECTION_DOT, SECTION_WORD, ARTICLE, PARAGRAPH_SIGN})

_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}

LATIN_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "novies",
                  "decies")

# Container keywords -> (kind, rank). Rank orders containers: smaller encloses larger.
CONTAINER_WORDS = {
    "book": ("part", 0), "livre": ("part", 0), "libro": ("part", 0), "buch": ("part", 0),
    "part": ("part", 1), "partie": ("part", 1), "parte": ("part", 1), "teil": ("part", 1),
    "title": ("part", 1), "titre": ("part", 1), "título": ("part", 1), "titulo": ("part", 1),
    "chapter": ("chapter", 2), "chapitre": ("chapter", 2), "capítulo": ("chapter", 2),
    "capitulo": ("chapter", 2), "kapitel": ("chapter", 2), "abschnitt": ("chapter", 2), "hlava": ("chapter", 2),
    "division": ("division", 3), "subpart": ("division", 3), "titel": ("division", 3),
    "unterabschnitt": ("division", 3), "sección": ("division", 3), "seccion": ("division", 3),
    "seção": ("division", 3), "secção": ("division", 3), "subseção": ("division", 4), "subsecção": ("division", 4),
    "subdivision": ("division", 4),
    "schedule": ("schedule", 0), "annex": ("schedule", 0), "annexe": ("schedule", 0), "anexo": ("schedule", 0),
    "appendix": ("schedule", 0), "anlage": ("schedule", 0),
}

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
    "erster": 1, "zweiter": 2, "dritter": 3, "vierter": 4, "fünfter": 5, "sechster": 6, "siebenter": 7,
    "siebter": 7, "achter": 8, "neunter": 9, "zehnter": 10, "elfter": 11, "zwölfter": 12,
    "erstes": 1, "zweites": 2, "drittes": 3, "viertes": 4, "fünftes": 5,
    "premier": 1, "première": 1, "premiere": 1, "unique": 1, "1er": 1, "primero": 1, "único": 1,
}


_DE_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
             "neun": 9}
_DE_TENS = {"zehn": 10, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60}
_DE_ORD = re.compile(r"^(?:(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?"
                     r"(drei|vier|fünf|sech|sieb|acht|neun)?(zehn|zwanzig|dreißig|vierzig|fünfzig|sechzig)(?:s)?te[rs]?$")


def german_ordinal(word: str) -> int | None:
    """Dreizehnter -> 13, Einundzwanzigster -> 21 (German compound ordinals of chapter headings)."""
    m = _DE_ORD.match(word.lower())
    if not m:
        return None
    unit_and, unit_teen, tens = m.groups()
    value = _DE_TENS[tens]
    if unit_and:
        value += _DE_UNITS[unit_and]
    if unit_teen:
        value += {"sech": 6, "sieb": 7}.get(unit_teen, _DE_UNITS.get(unit_teen, 0))
    return value


@dataclass(frozen=True)
class Reading:
    """One way to read a number: its style and its position in that style's sequence."""

    style: str
    ordinal: float


@dataclass(frozen=True)
class Token:
    """A number found at the start of a string.

    raw      the characters consumed, for the record ("(a)", "Article 3 bis", "22.")
    num      the number as the clause keeps it ("(a)", "3 bis", "22", "202a", "II")
    end      offset just after the number and its separator; the clause's words start here
    readings candidate styles, most likely first
    kind     for section-level and container tokens: section, article, part, chapter, division, schedule
    rank     container rank (0 = book/schedule ... 4 = subdivision)
    keyword  the word before the number ("Article", "Part", "§"), as written
    """

    raw: str
    num: str
    end: int
    readings: tuple[Reading, ...]
    kind: str = ""
    rank: int = 0
    keyword: str = ""

    @property
    def section_level(self) -> bool:
        return any(r.style in SECTION_STYLES for r in self.readings)

    @property
    def container(self) -> bool:
        return any(r.style == CONTAINER for r in self.readings)


def roman_value(text: str) -> int | None:
    """The value of a lower- or upper-case roman numeral, or None when it is not one."""
    low = text.lower()
    if not low or not _ROMAN_RE.match(low):
        return None
    total, prev = 0, 0
    for ch in reversed(low):
        val = _ROMAN_VALUES[ch]
        total = total - val if val < prev else total + val
        prev = max(prev, val)
    return total


def letter_value(text: str) -> float | None:
    """(a)=1 ... (z)=26; doubled letters (aa), (bb) come after z; (ab)-style inserts sit between."""
    low = text.lower()
    if not low.isalpha() or not low.isascii():
        return None
    if len(low) == 1:
        return float(ord(low) - 96)
    if len(set(low)) == 1 and len(low) <= 3:
        return float(26 * (len(low) - 1) + ord(low[0]) - 96)
    if len(low) == 2:  # inserted letter, e.g. (ba) between (b) and (c)
        return ord(low[0]) - 96 + (ord(low[1]) - 96) / 100
    return None


def number_value(text: str) -> float:
    """22 -> 22; 22A -> 22.01 (inserted after 22); 342.1 -> 342.1; 3 bis -> 3.02."""
    m = re.match(r"(\d+)(?:\.(\d+))?\s*([A-Za-z]*)", text)
    if not m:
        return 0.0
    value = float(m.group(1))
    if m.group(2):
        value += float("0." + m.group(2))
    suffix = m.group(3).lower()
    if suffix in LATIN_SUFFIXES:
        value += (LATIN_SUFFIXES.index(suffix) + 1) / 100
    elif suffix:
        value += sum(ord(c) - 96 for c in suffix[:2]) / 1000
    return value


def _letter_readings(body: str, lower_style: str, roman_style: str) -> list[Reading]:
    out: list[Reading] = []
    letter = letter_value(body)
    roman = roman_value(body)
    if roman is not None and (len(body) > 1 or body.lower() in "ivx"):
        out.append(Reading(roman_style, float(roman)))
    if letter is not None:
        out.append(Reading(lower_style, letter))
    # A single letter reads as a letter first; a multi-letter roman numeral ("ii", "iv") as a roman first.
    out.sort(key=lambda r: 0 if (r.style == lower_style) == (len(body) == 1) else 1)
    return out


_PAREN_RE = re.compile(r"[(\[]\s*(\d{1,3}[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,4})\s*\.?\s*[)\]]")
_CLOSE_RE = re.compile(r"(\d{1,3}|[a-z]{1,4})\)(?=\s)")
_SECTION_NUM = r"\d{1,4}(?:\.\d{1,3}(?!\d))?(?:[A-Z]{1,3}|[a-z](?![a-z]))?(?:-\d{1,3})*"
_DOT_RE = re.compile(r"(" + _SECTION_NUM + r")(?:\s*(?:\.|:)(?:\s*[—–]|-{1,2})?|\s*[—–])(?=\s|\(|\[|$|[A-Z])")
_SPACED_INSERT_RE = re.compile(r"(\d{1,4}) ([A-Z]{1,2})(?:\.?\s*(?:[—–]|-{1,2})\s*|\.\s+|\.$)(?=[A-Z(\[“\"‘]|$)")
_GLUED_RE = re.compile(r"(\d{1,4}(?:\.\d{1,3})?[A-Z]{0,3})(?=\(\d|\[\d|[A-Z][a-z])")
_BARE_RE = re.compile(r"(\d{1,4}(?:\.\d{1,3})?[A-Z]{0,2})\s+(?=[A-Z\u00C0-\u00DE]|[(\[]\d{1,2}[)\]]\s)")
_SIGN_RE = re.compile(r"§§?\s*(\d{1,4}[a-z]{0,2})\b\.?")
# "§ 1º" (ordinal sign) and "Parágrafo único": paragraphs of a Lusophone article, subdivisions not sections
_PT_PARAGRAPH_RE = re.compile(r"§\s*(\d{1,3})\s*[º°](?:-[A-Z])?\.?\s*(?:[-–—]\s*)?")
_PT_SOLE_RE = re.compile(r"(?:Parágrafo|PARÁGRAFO|Paragrafo|PARAGRAFO)\s+(?:único|ÚNICO|unico|UNICO)\s*[.:\-–—]?\s*")
_PT_NUMBER_RE = re.compile(r"(\d{1,2})\s+[-–—]\s+(?=[A-ZÀ-Ý])")
_PT_INCISO_RE = re.compile(r"([IVXLC]{1,7})\s*[-–—]\s+(?=\S)")
_ARTICLE_RE = re.compile(
    r"(Article|ARTICLE|Art\.|ART\.|Artículo|ARTÍCULO|Articulo|Artikel|ARTIKEL|Articolo|Artigo|Článek|Čl\.)"
    r"\s*(1er\b|premier|unique|\d{1,4}(?:[-.]\d{1,3})*[a-z]?|[IVXLC]{1,6}\b)"
    r"(?:[\s-]*(" + "|".join(LATIN_SUFFIXES) + r")\b)?"
    r"(?P<ord>\.?[º°](?:-[A-Z]\b)?|-[A-Z]\b)?"  # Portuguese "Art. 5º", "Artigo 2.º", "Art. 2º-A", "Art. 154-A"
)
_SECTION_WORD_RE = re.compile(r"(Section|SECTION|Sec\.|SEC\.|Rule|RULE|Regulation|REGULATION)\s*(" + _SECTION_NUM + r")")
_CONTAINER_NUM_RE = re.compile(
    r"(?P<word>[A-Za-zäöüÄÖÜáéíóúâêôãõçÁÉÍÓÚÂÊÔÃÕÇ]+)(?:\s+(?P<num>\d{1,3}[A-Z]?|[IVXLC]{1,7}[A-Z]?|[A-Z]|[A-Za-z]+))?")
_CONTAINER_ORD_RE = re.compile(r"(?P<ord>[A-Za-zäöüÄÖÜéèß]+|\d{1,3}\.)\s+(?P<word>[A-Za-zäöüÄÖÜáéíóú]+)(?P<num>)")
_SEPARATOR_RE = re.compile(r"\s*(?:[.:]\s*)?(?:[—–]+|-{1,2}(?=\s|[A-Z])|:)?\s*")


def _after_keyword_ok(text: str, pos: int) -> bool:
    """A keyword number starts a provision only when what follows is not running prose ("Section 5 of ...")."""
    rest = text[pos:].lstrip()
    if not rest:
        return True
    ch = rest[0]
    return ch in ".:—–-([" or ch.isupper() or ch in "“\"‘«"


# A cited article, not a heading: "Article 114(1) of ...", "Article 114 TFEU, which ...", "Article 8 ECHR".
_INSTRUMENT_ACRONYMS = frozenset("TFEU TEU TFUE TUE AEUV EUV ECHR CEDH ICCPR PIDCP UDHR GDPR RGPD DSGVO CFR EC EU "
                                 "UNCLOS ACHPR ACHR".split())
_CITED_AFTER = re.compile(r"\(\w{1,4}\)|\s+(?P<acr>[A-Z]{2,6})\b(?P<after>\s*[,;.)]|\s+(?:of|and|or|is|are|was|provides?|"
                          r"which|applies|shall|to|in|on|as|does|requires?|allows?|states?)\b)?")


def _cites_article(text: str, pos: int) -> bool:
    """Does the article number at the start of a line begin a cross-reference in running text?

    A heading is the number alone, or with its title; an article cited in prose carries its paragraph glued on
    ("Article 114(1)") or the acronym of the instrument it belongs to, then the sentence goes on.
    """
    m = _CITED_AFTER.match(text, pos)
    if not m:
        return False
    if not m.group("acr"):
        return True
    return m.group("acr") in _INSTRUMENT_ACRONYMS or m.group("after") is not None


def _separator_end(text: str, pos: int) -> int:
    m = _SEPARATOR_RE.match(text, pos)
    return m.end() if m else pos


def parse_container(text: str) -> Token | None:
    """Part II, CHAPTER 3, First Schedule, Erster Abschnitt, 15. Abschnitt, Título I."""
    m = _CONTAINER_NUM_RE.match(text)
    if not m or m.group("word").lower() not in CONTAINER_WORDS:
        m = _CONTAINER_ORD_RE.match(text)
    if not m or m.group("word").lower() not in CONTAINER_WORDS:
        return None
    word = m.group("word")
    kind, rank = CONTAINER_WORDS[word.lower()]
    ordinal_word, num = m.groupdict().get("ord"), m.group("num")
    value: float | None = None
    end = m.end()
    if ordinal_word:
        ow = ordinal_word.lower().rstrip(".")
        if ow not in _ORDINAL_WORDS and german_ordinal(ow):
            value, num_text = float(german_ordinal(ow) or 0), str(german_ordinal(ow))
        elif ow.isdigit():
            value, num_text = float(ow), ow
        elif ow in _ORDINAL_WORDS:
            value, num_text = float(_ORDINAL_WORDS[ow]), str(_ORDINAL_WORDS[ow])
        else:
            return None
        end = m.end("word")
        num = num_text
        if re.match(r"\s+(?:\d|[IVXLC]+\b)", text[end:]):  # "10. Part IV of ...": a section citing a Part
            return None
    elif num:
        if num.isdigit() or num[:-1].isdigit():
            value = number_value(num)
        elif roman_value(num) is not None and num.isupper():
            value = float(roman_value(num) or 0)
        elif len(num) == 1 and num.isupper():
            value = float(ord(num) - 64)
        elif num.lower() in _ORDINAL_WORDS:
            value = float(_ORDINAL_WORDS[num.lower()])
        else:
            if kind != "schedule":
                return None
            num, end = "", m.end("word")
    elif kind == "schedule" and (word.isupper() or word.istitle()):
        num = ""
    else:
        return None
    if kind != "schedule" and not (word.isupper() or word[0].isupper()):
        return None
    if not _after_keyword_ok(text, end) and kind != "schedule":
        return None
    if kind == "schedule" and text[end:].strip() and not _after_keyword_ok(text, end):
        return None
    return Token(raw=text[:end], num=num or "", end=_separator_end(text, end),
                 readings=(Reading(CONTAINER, value or 1.0),), kind=kind, rank=rank, keyword=word)


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_RE = re.compile(r"第([零〇一二两三四五六七八九十百千\d]{1,8})(条|章|节|编)\s*")
_ZH_KINDS = {"条": ("article", 0), "章": ("chapter", 2), "节": ("division", 3), "编": ("part", 1)}
_AR_ORDINALS = {"الأولى": 1, "الاولى": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6,
                "السابعة": 7, "الثامنة": 8, "التاسعة": 9, "العاشرة": 10}
_AR_RE = re.compile(r"(?:المادة|مادة)\s*\(?\s*([0-9٠-٩]{1,4}|[\u0621-\u064A]+)\s*\)?\s*[:：-]?\s*")


def chinese_number(text: str) -> int:
    """二十六 -> 26, 一百零五 -> 105 (the numerals of Chinese article numbers)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
    return total + current


def _parse_cjk_arabic(text: str) -> Token | None:
    m = _ZH_RE.match(text)
    if m:
        kind, rank = _ZH_KINDS[m.group(2)]
        value = chinese_number(m.group(1))
        if kind == "article":
            return Token(raw=m.group(0).strip(), num=str(value), end=m.end(),
                         readings=(Reading(ARTICLE, float(value)),), kind="article", keyword="Article")
        return Token(raw=m.group(0).strip(), num=str(value), end=m.end(), readings=(Reading(CONTAINER, float(value)),),
                     kind=kind, rank=rank, keyword=kind.title())
    m = _AR_RE.match(text)
    if m:
        word = m.group(1)
        digits = word.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
        value = int(digits) if digits.isdigit() else _AR_ORDINALS.get(word)
        if value is None:
            return None
        return Token(raw=m.group(0).strip(), num=str(value), end=m.end(), readings=(Reading(ARTICLE, float(value)),),
                     kind="article", keyword="Article")
    return None


def parse(text: str, *, line_start: bool = True, allow_bare: bool = False) -> Token | None:
    """The number at the very start of `text`, or None.

    line_start: the text begins a source line or block (section numbers are only read there).
    allow_bare: a number followed only by a space ("181 Threatening communications") may be a section
                (UK style); the caller allows it where the previous line closed a sentence.
    """
    if not text:
        return None
    ch = text[0]
    if ch in "([":
        m = _PAREN_RE.match(text)
        if not m:
            return None
        body = m.group(1)
        if body[0].isdigit():
            readings = [Reading(PAREN_ARABIC, number_value(body))]
        elif body.islower():
            readings = _letter_readings(body, PAREN_LOWER, PAREN_ROMAN)
            if len(body) in (2, 3) and len(set(body)) == 1:  # (aa) (bb) (ccc)
                readings.append(Reading(PAREN_DOUBLE, float(ord(body[0]) - 96 + 26 * (len(body) - 2))))
        elif body.isupper():
            readings = _letter_readings(body, PAREN_UPPER, PAREN_UPPER_ROMAN)
        else:
            return None
        if not readings:
            return None
        after = text[m.end():m.end() + 1]
        if after and after.isalnum() and not line_start:
            return None
        end = m.end()
        if text[end:end + 1] == "." and text[end + 1:end + 2] in (" ", ""):
            end += 1
        return Token(raw=m.group(0), num=f"({body})", end=_skip_space(text, end), readings=tuple(readings))
    if not line_start:
        return None
    if ch == "§":
        m = _PT_PARAGRAPH_RE.match(text)
        if m:
            return Token(raw=m.group(0).strip(), num=f"§ {m.group(1)}", end=m.end(),
                         readings=(Reading(PARAGRAPH_PT, float(m.group(1))),))
        m = _SIGN_RE.match(text)
        if m and _after_keyword_ok(text, m.end()):
            return Token(raw=m.group(0), num=m.group(1), end=_separator_end(text, m.end()),
                         readings=(Reading(PARAGRAPH_SIGN, number_value(m.group(1))),), kind="section",
                         keyword="§")
        return None
    if ch.isdigit():
        return _parse_digit(text, allow_bare)
    if ch == "第" or "\u0600" <= ch <= "\u06ff":
        return _parse_cjk_arabic(text)
    if ch.isalpha():
        m = _ARTICLE_RE.match(text)
        if m and _after_keyword_ok(text, m.end()) and not _cites_article(text, m.end()):
            num = m.group(2)
            value = float(_ORDINAL_WORDS.get(num.lower(), 0)) or (
                float(roman_value(num) or 0) if num.isupper() else number_value(num.replace("-", ".")))
            if m.group(3):
                num = f"{num} {m.group(3)}"
                value += (LATIN_SUFFIXES.index(m.group(3)) + 1) / 100
            insert = (m.group("ord") or "").lstrip(".º°")
            if insert:  # "2º-A": inserted after article 2
                num = f"{num}{insert}"
                value += (ord(insert[-1]) - 64) / 1000
            return Token(raw=m.group(0), num=num, end=_separator_end(text, m.end()),
                         readings=(Reading(ARTICLE, value),), kind="article", keyword=m.group(1))
        m = _SECTION_WORD_RE.match(text)
        if m and _after_keyword_ok(text, m.end()):
            return Token(raw=m.group(0), num=m.group(2), end=_separator_end(text, m.end()),
                         readings=(Reading(SECTION_WORD, number_value(m.group(2))),), kind="section",
                         keyword=m.group(1))
        m = _PT_SOLE_RE.match(text)
        if m:
            return Token(raw=m.group(0).strip(), num="parágrafo único", end=m.end(),
                         readings=(Reading(PARAGRAPH_PT, 1.0),))
        m = _PT_INCISO_RE.match(text)
        if m and roman_value(m.group(1)) is not None:
            return Token(raw=m.group(0).strip(), num=m.group(1), end=m.end(),
                         readings=(Reading(DASH_UPPER_ROMAN, float(roman_value(m.group(1)) or 0)),))
        if ch.isupper():
            tok = parse_container(text)
            if tok is not None:
                return tok
        m = re.match(r"([a-zA-Z]|[ivxl]{2,6}|[IVXL]{2,6})\.\s+(?=\S)", text)
        if m and not re.match(r"[a-zA-Z]\.\s*[a-zA-Z]\.", text):
            body = m.group(1)
            if body.islower():
                readings = _letter_readings(body, DOT_LOWER, DOT_ROMAN)
            else:
                readings = _letter_readings(body, DOT_UPPER, DOT_UPPER_ROMAN)
            if readings:
                return Token(raw=body + ".", num=body, end=m.end(), readings=tuple(readings))
        m = _CLOSE_RE.match(text)
        if m:
            body = m.group(1)
            readings = _letter_readings(body, CLOSE_LOWER, CLOSE_ROMAN)
            if readings:
                return Token(raw=m.group(0), num=f"{body})", end=_skip_space(text, m.end()),
                             readings=tuple(readings))
    return None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _parse_digit(text: str, allow_bare: bool) -> Token | None:
    tok = parse_container(text)
    if tok is not None:
        return tok
    m = _CLOSE_RE.match(text)
    if m and m.group(1).isdigit():
        return Token(raw=m.group(0), num=f"{m.group(1)})", end=_skip_space(text, m.end()),
                     readings=(Reading(CLOSE_ARABIC, float(m.group(1))),))
    m = _PT_NUMBER_RE.match(text)
    if m:  # "1 - Quem ...": a numbered paragraph of a Portuguese article (número), read like "(1)"
        return Token(raw=m.group(0).strip(), num=f"({m.group(1)})", end=m.end(),
                     readings=(Reading(PAREN_ARABIC, float(m.group(1))),))
    m = _SPACED_INSERT_RE.match(text)
    if m and _plausible_section(m.group(1)):  # "66 A." is section 66A, inserted after 66 and printed spaced
        num = m.group(1) + m.group(2)
        return Token(raw=text[:m.end()], num=num, end=_separator_end(text, m.end()),
                     readings=(Reading(SECTION_DOT, number_value(num)),), kind="section")
    m = _DOT_RE.match(text)
    if m:
        num = m.group(1)
        if _plausible_section(num):
            value = number_value(num)
            readings = [Reading(SECTION_DOT, value)]
            if re.fullmatch(r"\d+[a-z]?", num):
                readings.append(Reading(DOT_ARABIC, value))
            return Token(raw=text[:m.end()], num=num, end=_separator_end(text, m.end()),
                         readings=tuple(readings), kind="section")
    m = _GLUED_RE.match(text)
    if m and _plausible_section(m.group(1)):
        num = m.group(1)
        return Token(raw=num, num=num, end=m.end(), readings=(Reading(SECTION_DOT, number_value(num)),),
                     kind="section")
    if allow_bare:
        m = _BARE_RE.match(text)
        if m and _plausible_section(m.group(1)):
            num = m.group(1)
            return Token(raw=num, num=num, end=m.end(), readings=(Reading(SECTION_DOT, number_value(num)),),
                         kind="section")
    return None


def _plausible_section(num: str) -> bool:
    digits = re.match(r"\d+", num)
    return bool(digits) and 0 < int(digits.group(0)) < 1900


def find_inline(text: str, start: int = 0) -> list[tuple[int, Token]]:
    """Candidate subdivision numbers inside running text: " (b) ", "—(1)", "; (ii)". The caller decides."""
    out = []
    for m in re.finditer(r"(?:(?<=[\s—–:;,.])|(?<=^))[(\[](?:\d{1,3}[A-Z]?|[a-z]{1,4}|[A-Z]{1,3})\.?[)\]]", text[start:]):
        pos = start + m.start()
        if pos == 0 and start == 0:
            continue
        tok = parse(text[pos:], line_start=False)
        if tok is not None:
            out.append((pos, tok))
    return out
