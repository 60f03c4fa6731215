"""The numbering parser: every tradition's number is read with its style and position in sequence."""

from __future__ import annotations

import pytest

from lawlint.structure import numbering as nb


def first(text: str, **kw):
    tok = nb.parse(text, **kw)
    assert tok is not None, text
    return tok


@pytest.mark.parametrize(
    ("text", "num", "style", "ordinal"),
    [
        ("(1) A person", "(1)", nb.PAREN_ARABIC, 1.0),
        ("(12) text", "(12)", nb.PAREN_ARABIC, 12.0),
        ("(a) text", "(a)", nb.PAREN_LOWER, 1.0),
        ("(iv) text", "(iv)", nb.PAREN_ROMAN, 4.0),
        ("(A) text", "(A)", nb.PAREN_UPPER, 1.0),
        ("(IV) text", "(IV)", nb.PAREN_UPPER_ROMAN, 4.0),
        ("[1] An authorization", "(1)", nb.PAREN_ARABIC, 1.0),
        ("(d.) an intermediary", "(d)", nb.PAREN_LOWER, 4.0),
        ("a)  in den Fällen", "a)", nb.CLOSE_LOWER, 1.0),
        ("29) To publish", "29)", nb.CLOSE_ARABIC, 29.0),
        ("b. make and retain", "b", nb.DOT_LOWER, 2.0),
        ("iv. text", "iv", nb.DOT_ROMAN, 4.0),
        ("IV. Title", "IV", nb.DOT_UPPER_ROMAN, 4.0),
    ],
)
def test_subdivision_numbers(text, num, style, ordinal):
    tok = first(text)
    assert tok.num == num
    assert tok.readings[0] == nb.Reading(style, ordinal)


def test_i_is_both_a_letter_and_a_roman_numeral():
    styles = {r.style: r.ordinal for r in first("(i) text").readings}
    assert styles == {nb.PAREN_LOWER: 9.0, nb.PAREN_ROMAN: 1.0}
    assert first("(i) text").readings[0].style == nb.PAREN_LOWER  # a single letter reads as a letter first
    assert first("(ii) text").readings[0] == nb.Reading(nb.PAREN_ROMAN, 2.0)
    assert {r.style for r in first("(v) text").readings} == {nb.PAREN_LOWER, nb.PAREN_ROMAN}
    assert [r.style for r in first("(c) text").readings] == [nb.PAREN_LOWER]  # never roman 100


@pytest.mark.parametrize(
    ("text", "num", "style", "kind", "keyword"),
    [
        ("22. (1) A person", "22", nb.SECTION_DOT, "section", ""),
        ("5.—(1) A person", "5", nb.SECTION_DOT, "section", ""),
        ("66A. Punishment for", "66A", nb.SECTION_DOT, "section", ""),
        ("342.1(1) Every one", "342.1", nb.SECTION_DOT, "section", ""),
        ("2(1)An examining officer", "2", nb.SECTION_DOT, "section", ""),
        ("1Prohibition of harassment", "1", nb.SECTION_DOT, "section", ""),
        ("Sec. 12. Real-Time Collection", "12", nb.SECTION_WORD, "section", "Sec."),
        ("SECTION 1. SHORT TITLE.", "1", nb.SECTION_WORD, "section", "SECTION"),
        ("Article 12 – Illegal access", "12", nb.ARTICLE, "article", "Article"),
        ("Art. 3 bis", "3 bis", nb.ARTICLE, "article", "Art."),
        ("Article premier", "premier", nb.ARTICLE, "article", "Article"),
        ("Artículo 30. Propagación", "30", nb.ARTICLE, "article", "Artículo"),
        ("Článek 2", "2", nb.ARTICLE, "article", "Článek"),
        ("§ 202a Ausspähen von Daten", "202a", nb.PARAGRAPH_SIGN, "section", "§"),
    ],
)
def test_section_level_numbers(text, num, style, kind, keyword):
    tok = first(text)
    assert (tok.num, tok.readings[0].style, tok.kind, tok.keyword) == (num, style, kind, keyword)
    assert tok.section_level


def test_latin_suffixes_order_after_the_base_number():
    bis, ter = first("Article 3 bis").readings[0].ordinal, first("Article 3 ter").readings[0].ordinal
    assert 3 < bis < ter < 4
    assert 66 < first("66A. Text").readings[0].ordinal < 67


@pytest.mark.parametrize(
    ("text", "kind", "num"),
    [
        ("Part II", "part", "II"),
        ("PART 2 – PRELIMINARY", "part", "2"),
        ("Chapter 3", "chapter", "3"),
        ("First Schedule", "schedule", "1"),
        ("SCHEDULE", "schedule", ""),
        ("Erster Abschnitt - Das Strafgesetz", "chapter", "1"),
        ("Dreizehnter Abschnitt - Straftaten", "chapter", "13"),
        ("Einundzwanzigster Abschnitt - Begünstigung", "chapter", "21"),
        ("15. Abschnitt - x", "chapter", "15"),
        ("Zweiter Titel - Sprachgebrauch", "division", "2"),
    ],
)
def test_containers(text, kind, num):
    tok = first(text)
    assert tok.container and (tok.kind, tok.num) == (kind, num)


@pytest.mark.parametrize("text", ["Section 5 of the Act applies", "Chapter 3 of the Code", "10. Part IV of the Act",
                                  "2018 was a year", "hello (a) world", "e.g. this", "(see below)"])
def test_running_prose_is_not_a_number(text):
    tok = nb.parse(text)
    assert tok is None or not (tok.container or tok.section_level and tok.keyword), text
    if text.startswith("10. Part"):
        assert tok is not None and not tok.container


def test_bare_number_only_when_allowed():
    assert nb.parse("181 Threatening communications offence") is None
    assert first("181 Threatening communications offence", allow_bare=True).num == "181"


def test_find_inline_candidates():
    text = "If any person (a) sends, or (b). publishes; see section 22(1)(a)"
    found = [(pos, tok.num) for pos, tok in nb.find_inline(text)]
    assert found == [(text.index("(a)"), "(a)"), (text.index("(b)"), "(b)")]


def test_value_helpers():
    assert nb.roman_value("xiv") == 14 and nb.roman_value("IX") == 9 and nb.roman_value("abc") is None
    assert nb.letter_value("a") == 1 and nb.letter_value("z") == 26 and nb.letter_value("aa") == 27
    assert nb.german_ordinal("Dreißigster") == 30 and nb.german_ordinal("Hallo") is None


def test_chinese_and_arabic_article_numbers():
    zh = first("第二十六条 网络运营者为用户办理网络接入")
    assert (zh.kind, zh.num, zh.readings[0]) == ("article", "26", nb.Reading(nb.ARTICLE, 26.0))
    assert first("第一章 总则").kind == "chapter"
    assert nb.chinese_number("一百零五") == 105 and nb.chinese_number("十二") == 12
    ar = first("المادة السادسة يعاقب بالسجن")
    assert (ar.kind, ar.num) == ("article", "6")
    assert first("المادة ١٢: نص").num == "12"
