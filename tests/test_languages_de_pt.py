"""German and Portuguese, end to end (issue 12): language detection, numbering and structure, definitions and
cross-references, deadlines, the cached lemma tables, a real German statute, a page in the Brazilian official
portal's format, and each drafting principle as a loud/quiet pair.

The pair texts are written here in each tradition's drafting style (the German "Wer ..., wird mit Freiheitsstrafe
... bestraft", the Brazilian "Verbo + objeto: Pena - detenção", Portugal's "Quem ... é punido com pena de prisão")
and are not the rule examples, so a change that keeps the examples passing but breaks the principle fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bill_text import bill_of, find, flagging_findings, labels
from lawlint.engine.checks import find_deadlines
from lawlint.engine.loader import load_rules
from lawlint.structure.language import detect

RULES = load_rules()
DOCS = Path(__file__).resolve().parent.parent / "corpora" / "documents"


def _categories(text: str, lang: str) -> set[str]:
    return {f.category for f in flagging_findings(text, RULES, lang)}


# --- language detection --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang", [
    ("Wer öffentlich, in einer Versammlung oder durch Verbreiten eines Inhalts den Bundespräsidenten verunglimpft, "
     "wird mit Freiheitsstrafe von drei Monaten bis zu fünf Jahren bestraft.", "de"),
    ("Der Anbieter eines sozialen Netzwerks muss ein wirksames und transparentes Verfahren vorhalten.", "de"),
    ("Com o intuito de assegurar a liberdade de expressão e impedir a censura, o provedor de aplicações de internet "
     "somente poderá ser responsabilizado civilmente por danos decorrentes de conteúdo gerado por terceiros.", "pt"),
    ("Quem divulgar notícias falsas será punido com pena de detenção.", "pt"),
])
def test_language_detection(text, lang):
    assert detect(text) == lang


def test_portuguese_and_spanish_are_told_apart():
    assert detect("El que publicare noticias falsas por cualquier medio será castigado con prisión de seis meses "
                  "a dos años y multa.") == "es"
    assert detect("Quem publicar notícias falsas por qualquer meio será punido com pena de prisão de seis meses "
                  "a dois anos e multa.") == "pt"


# --- numbering and structure ----------------------------------------------------------------------------

BRAZIL = """LEI Nº 12.965, DE 23 DE ABRIL DE 2014.

CAPÍTULO I
DISPOSIÇÕES PRELIMINARES

Art. 2º A disciplina do uso da internet no Brasil tem como fundamento o respeito à liberdade de expressão, bem como:

I - o reconhecimento da escala mundial da rede;

II - os direitos humanos;

Parágrafo único. Esta Lei não exclui outros princípios.

Art. 5º Para os efeitos desta Lei, considera-se:

I - internet: o sistema constituído do conjunto de protocolos lógicos;

II - terminal: o computador ou qualquer dispositivo que se conecte à internet;

Art. 10. A guarda dos registros de conexão deve atender à preservação da intimidade:

I - das partes;

II - dos terceiros.

§ 1º O provedor somente será obrigado a disponibilizar os registros mediante ordem judicial, respeitado o disposto no art. 5º.

§ 2º O conteúdo das comunicações privadas somente poderá ser disponibilizado mediante ordem judicial:

a) na forma da lei;

b) com fundamentação.

Art. 10-A. Os provedores publicarão relatórios.
"""


def test_brazilian_articles_paragraphs_incisos_and_alineas():
    bill = bill_of(BRAZIL)
    got = labels(bill)
    for label in ("Article 2", "Article 2(I)", "Article 2(II)", "Article 2, parágrafo único", "Article 5(I)",
                  "Article 10", "Article 10(II)", "Article 10 § 1", "Article 10 § 2", "Article 10 § 2(a)",
                  "Article 10 § 2(b)", "Article 10-A"):
        assert label in got, (label, got)
    # the paragraphs belong to the article, not to the inciso above them
    assert find(bill, "Article 10 § 1").parent.label == "Article 10"
    assert find(bill, "Article 2, parágrafo único").parent.label == "Article 2"
    assert find(bill, "Article 2").parent.kind == "chapter"


def test_brazilian_definitions_and_cross_references():
    bill = bill_of(BRAZIL)
    terms = {t.term: t.clause for t in bill.glossary}
    assert terms.get("internet") == "Article 5(I)" and terms.get("terminal") == "Article 5(II)"
    assert find(bill, "Article 5").eid in find(bill, "Article 10 § 1").xrefs


PORTUGAL = """Lei n.º 109/2009

Artigo 2.º
Definições

Para efeitos da presente lei, considera-se:

a) «Sistema informático», qualquer dispositivo ou conjunto de dispositivos interligados;

b) «Dados informáticos», qualquer representação de factos, informações ou conceitos;

Artigo 3.º
Falsidade informática

1 - Quem, com intenção de provocar engano nas relações jurídicas, introduzir dados informáticos é punido com pena de prisão até 5 anos, nos termos do artigo 2.º

2 - Quando as acções descritas forem praticadas por funcionário no exercício das suas funções, a pena é de prisão de 2 a 5 anos.
"""


def test_portuguese_articles_numbered_paragraphs_and_definitions():
    bill = bill_of(PORTUGAL)
    got = labels(bill)
    for label in ("Artigo 2", "Artigo 2(a)", "Artigo 3", "Artigo 3(1)", "Artigo 3(2)"):
        assert label in got, (label, got)
    assert find(bill, "Artigo 3").heading == "Falsidade informática"
    assert {t.term for t in bill.glossary} >= {"Sistema informático", "Dados informáticos"}
    assert find(bill, "Artigo 2").eid in find(bill, "Artigo 3(1)").xrefs


GERMAN = """§ 2 Begriffsbestimmungen

Im Sinne dieses Gesetzes ist

1. Diensteanbieter jede natürliche oder juristische Person, die eigene oder fremde Telemedien zur Nutzung bereithält;

2. Nutzer jede natürliche oder juristische Person, die Telemedien nutzt.

§ 3 Pflichten

(1) Der Diensteanbieter muss die in § 2 Nr. 1 genannten Angaben bereithalten.

(2) Absatz 1 gilt nicht für Anbieter, die weniger als zwei Millionen registrierte Nutzer haben.
"""


def test_german_definitions_list_and_references():
    bill = bill_of(GERMAN)
    terms = {t.term: t.clause for t in bill.glossary}
    assert terms.get("Diensteanbieter") == "§ 2(1)" and terms.get("Nutzer") == "§ 2(2)"
    assert "sec_2__subsec_1" in find(bill, "§ 3(1)").xrefs
    assert "§ 3(2)" in labels(bill)


def test_a_number_word_in_prose_is_not_an_inciso():
    bill = bill_of("Art. 1º Esta Lei entra em vigor na data de sua publicação.\n\nArt. 2º Revogam-se as disposições em "
                   "contrário.\n")
    assert labels(bill) == ["Article 1", "Article 2"]


# --- a real German statute -----------------------------------------------------------------------------

def test_netzdg_reads_into_its_sections_and_the_24_hour_duty_is_flagged():
    from lawlint.engine.evaluate import LintOptions, lint_bill
    from lawlint.readers import read
    from lawlint.structure import build_bill

    bill = build_bill(read(DOCS / "de-netzdg-netzwerkdurchsetzungsgesetz-ss1-3.md"))
    assert bill.language == "de"
    top = [c.label for c in bill.clauses if c.kind != "preamble"]
    assert top == ["§ 1", "§ 2", "§ 3"]
    got = labels(bill)
    for label in ("§ 1(3)", "§ 2(2)(17)", "§ 3(2)(2)", "§ 3(2)(3)(b)", "§ 3(11)"):
        assert label in got, label
    assert ("soziale Netzwerke", "§ 1(1)") in {(t.term, t.clause) for t in bill.glossary}
    findings = lint_bill(bill, RULES, LintOptions())
    by_clause = {(f.clause, f.category) for f in findings if str(f.severity) == "error"}
    assert ("§ 3(2)(2)", "IL-TAKEDOWN") in by_clause  # "innerhalb von 24 Stunden nach Eingang der Beschwerde"
    quiet = {f.clause for f in findings if str(f.severity) in ("error", "warning")}
    assert not quiet & {"§ 2(1)", "§ 2(2)(9)", "§ 1(2)"}  # the reporting duty and the threshold exemption


# --- the official Brazilian portal's format -------------------------------------------------------------

def test_planalto_style_page_windows_1252_without_charset_and_struck_wording():
    """planalto.gov.br serves compiled laws as Windows-1252 pages that declare no charset and keep superseded
    wording struck through beside the wording in force. The page here is built in that format around the words of
    Marco Civil art. 19 (the struck sentence is made up for the test): only the wording in force is read."""
    from lawlint.readers import read_bytes
    from lawlint.structure import build_bill

    page = ("<html><body><p align=center><b>LEI Nº 12.965, DE 23 DE ABRIL DE 2014.</b></p>"
            "<p><strike>Art. 19. O provedor será responsável por todo conteúdo publicado.</strike></p>"
            "<p>Art. 19. Com o intuito de assegurar a liberdade de expressão e impedir a censura, o provedor de "
            "aplicações de internet somente poderá ser responsabilizado civilmente por danos decorrentes de "
            "conteúdo gerado por terceiros se, após ordem judicial específica, não tomar as providências.</p>"
            "<p>§ 1º A ordem judicial de que trata o <i>caput</i> deverá conter, sob pena de nulidade, "
            "identificação clara e específica do conteúdo.</p>"
            "<p><span style='text-decoration: line-through'>§ 2º Revogado.</span></p></body></html>")
    data = page.encode("cp1252")
    assert b"\xe7" in data  # "ç" as one Windows-1252 byte: not UTF-8
    bill = build_bill(read_bytes(data, "l12965.htm"))
    text = " ".join(c.text for c in bill.walk())
    assert "liberdade de expressão" in text and "será responsável por todo" not in text and "Revogado" not in text
    assert "Article 19 § 1" in labels(bill)
    assert not {f.category for f in flagging_findings_bill(bill) if f.category.startswith("IL-")}


def flagging_findings_bill(bill):
    from lawlint.engine.evaluate import LintOptions, lint_bill

    return [f for f in lint_bill(bill, RULES, LintOptions()) if str(f.severity) in ("error", "warning")]


# --- deadlines -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,hours", [
    ("einen offensichtlich rechtswidrigen Inhalt innerhalb von 24 Stunden nach Eingang der Beschwerde entfernt", 24),
    ("binnen sieben Tagen", 168),
    ("innerhalb einer Woche", 168),
    ("spätestens nach zwölf Stunden", 12),
    ("no prazo de 24 (vinte e quatro) horas", 24),
    ("em até quarenta e oito horas", 48),
    ("imediatamente", 0),
])
def test_german_and_portuguese_deadlines(text, hours):
    assert min(f[0] for f in find_deadlines(text)) == hours


def test_unverzueglich_is_not_a_zero_hour_deadline():
    found = find_deadlines("jeden rechtswidrigen Inhalt unverzüglich, in der Regel innerhalb von sieben Tagen")
    assert [(hours, words) for hours, words, _ in found] == [(168, "innerhalb von sieben Tagen")]


# --- the lemma tables, cached on disk ----------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("lang,words", [
    ("pt", ["divulgar", "notícias", "falsas", "punido", "será", "mensagens", "provedores", "bloqueio"]),
    ("de", ["verbreitet", "veröffentlichte", "Inhalte", "bestraft", "Anbieter", "gesperrt"]),
])
def test_cached_lemma_table_gives_spacys_lemmas(tmp_path, monkeypatch, lang, words):
    from lawlint.engine import nlp

    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path))
    assert nlp._cached_table(lang) is None
    spacy = nlp.import_spacy()
    blank = spacy.blank(lang)
    lemmatizer = blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    blank.initialize()
    table = lemmatizer.lookups.get_table("lemma_lookup")
    nlp._store_table(lang, table)
    cached = nlp._cached_table(lang)
    assert cached is not None
    for word in words:
        assert cached.get(word.lower()) == table.get(word.lower()), word


def test_an_unfinished_lemma_cache_is_not_used(tmp_path, monkeypatch):
    import sqlite3

    from lawlint.engine import nlp

    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path))
    path = nlp._table_path("pt")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
    db.execute("INSERT INTO t VALUES ('notícias', 'notícia')")  # no row count: the copy stopped halfway
    db.commit()
    db.close()
    assert nlp._cached_table("pt") is None


# --- drafting principles, loud and quiet ---------------------------------------------------------------------

PAIRS = [
    # criminal insult and defamation (GC34 para. 47) against a data-interference offence
    ("criminal-defamation", "de", "FE-DEFAM",
     "Wer einen anderen in einem sozialen Netzwerk beleidigt, wird mit Freiheitsstrafe bis zu zwei Jahren bestraft.",
     "Wer unbefugt Daten löscht, unterdrückt, unbrauchbar macht oder verändert, wird mit Freiheitsstrafe bis zu zwei "
     "Jahren oder mit Geldstrafe bestraft."),
    ("criminal-defamation", "pt", "FE-DEFAM",
     "Caluniar alguém pela internet, imputando-lhe falsamente fato definido como crime: Pena - detenção, de seis "
     "meses a dois anos, e multa.",
     "Invadir dispositivo informático alheio com o fim de obter dados sem autorização do titular: Pena - reclusão, "
     "de 1 a 4 anos, e multa."),
    # the head of State and the State's symbols (GC34 para. 38)
    ("head-of-state", "de", "FE-DEFAM",
     "Wer den Bundeskanzler in einem Beitrag im Internet verunglimpft, wird mit Freiheitsstrafe bis zu drei Jahren "
     "bestraft.",
     "Wer den Bundeskanzler mit der Begehung eines Verbrechens bedroht, wird mit Freiheitsstrafe bis zu drei "
     "Jahren bestraft."),
    ("flag", "pt", "FE-DEFAM",
     "Quem, publicamente, ultrajar a Bandeira Nacional por meio de redes sociais é punido com pena de prisão até "
     "um ano.",
     "A Bandeira Nacional será hasteada nos edifícios públicos em dias de festa nacional."),
    # falsity: speech about the world versus deception for gain
    ("false-news", "de", "FE-FALSE",
     "Wer in einem sozialen Netzwerk erfundene Nachrichten über eine Wahl verbreitet, wird mit Freiheitsstrafe bis "
     "zu zwei Jahren bestraft.",
     "Wer in der Absicht, sich einen rechtswidrigen Vermögensvorteil zu verschaffen, durch unrichtige Gestaltung "
     "eines Programms das Vermögen eines anderen beschädigt, wird mit Freiheitsstrafe bis zu fünf Jahren bestraft."),
    ("false-news", "pt", "FE-FALSE",
     "Quem divulgar, por meio de aplicativo de mensagens, notícias falsas sobre a saúde pública será punido com "
     "pena de detenção de um a três anos.",
     "Dar causa à instauração de investigação policial contra alguém, imputando-lhe crime de que o sabe inocente: "
     "Pena - reclusão, de dois a oito anos, e multa."),
    # religion: insult of beliefs versus protection of worship
    ("blasphemy", "pt", "FE-MORAL",
     "Quem publicar na internet conteúdo que ofenda os sentimentos religiosos de outrem é punido com pena de prisão "
     "até dois anos.",
     "Impedir ou perturbar cerimônia ou prática de culto religioso: Pena - detenção, de um mês a um ano, ou multa."),
    # public order and security as a speech ground versus a licensing condition
    ("public-order", "pt", "FE-SECURITY",
     "Divulgar pela internet mensagem capaz de perturbar a ordem pública: Pena - detenção, de seis meses a dois "
     "anos.",
     "A licença de funcionamento do estabelecimento poderá ser cassada quando houver ameaça à ordem pública."),
    ("security", "de", "FE-SECURITY",
     "Wer Inhalte verbreitet, die geeignet sind, die nationale Sicherheit zu gefährden, wird mit Freiheitsstrafe "
     "bis zu fünf Jahren bestraft.",
     "Wer ein Staatsgeheimnis einer fremden Macht verrät, wird mit Freiheitsstrafe nicht unter einem Jahr "
     "bestraft."),
    # extremism undefined versus a terrorist organisation offence
    ("extremism", "de", "FE-EXTREM",
     "Wer extremistische Inhalte im Internet verbreitet, wird mit Freiheitsstrafe bis zu drei Jahren bestraft.",
     "Wer sich an einer Vereinigung als Mitglied beteiligt, deren Zwecke auf die Begehung von Mord gerichtet sind, "
     "wird mit Freiheitsstrafe von einem Jahr bis zu zehn Jahren bestraft."),
    # take-down: a short deadline on a platform versus a court order
    ("takedown-deadline", "pt", "IL-TAKEDOWN",
     "O provedor de redes sociais deverá remover o conteúdo denunciado no prazo de 24 (vinte e quatro) horas, sob "
     "pena de multa.",
     "O provedor de aplicações deverá tornar indisponível o conteúdo apontado como infringente no prazo assinalado "
     "em ordem judicial específica."),
    ("takedown-deadline", "de", "IL-TAKEDOWN",
     "Der Anbieter muss einen gemeldeten Inhalt innerhalb von 24 Stunden entfernen oder den Zugang zu ihm sperren.",
     "Der Anbieter muss einen Inhalt entfernen, wenn das Gericht dies auf Antrag des Verletzten anordnet."),
    # blocking by a regulator versus by a judge
    ("blocking", "de", "IL-BLOCK",
     "Die Bundesnetzagentur kann Zugangsanbieter verpflichten, den Zugang zu Internetseiten zu sperren.",
     "Das Gericht kann Zugangsanbieter verpflichten, den Zugang zu einer bestimmten Internetseite zu sperren."),
    ("blocking", "pt", "IL-BLOCK",
     "A Anatel poderá determinar às prestadoras o bloqueio de aplicativos de mensagens que descumprirem esta Lei.",
     "O juiz poderá determinar, mediante ordem judicial específica, o bloqueio do acesso a conteúdo infringente."),
    # intermediary liability: strict versus the Marco Civil's safe harbour
    ("liability", "pt", "IL-LIABILITY",
     "As plataformas respondem solidariamente pelos danos causados por conteúdo gerado por terceiros.",
     "O provedor de aplicações somente poderá ser responsabilizado civilmente por danos decorrentes de conteúdo "
     "gerado por terceiros se, após ordem judicial específica, não tomar as providências para tornar indisponível "
     "o conteúdo."),
    # interception on an official's word versus with a judge
    ("interception", "pt", "PR-INTERCEPT",
     "O delegado de polícia poderá determinar a interceptação das comunicações telemáticas dos investigados.",
     "A interceptação das comunicações telemáticas dependerá de ordem do juiz competente, sob segredo de justiça."),
    ("interception", "de", "PR-INTERCEPT",
     "Die Polizei kann die Telekommunikation verdächtiger Personen überwachen und aufzeichnen.",
     "Die Telekommunikation darf nur auf Grund richterlicher Anordnung überwacht und aufgezeichnet werden."),
    # blanket retention versus retention for billing
    ("retention", "de", "PR-RETENTION",
     "Anbieter öffentlich zugänglicher Internetzugangsdienste speichern die IP-Adressen aller Teilnehmer für zwölf "
     "Monate.",
     "Der Anbieter darf Verkehrsdaten nur speichern, soweit sie für die Entgeltabrechnung erforderlich sind."),
    # identity: real names on a platform versus customer due diligence at a bank
    ("identity", "pt", "ID-ANON",
     "Os provedores de redes sociais deverão exigir de todos os usuários a apresentação de documento de identidade "
     "e CPF para a criação de contas.",
     "As instituições financeiras deverão identificar seus clientes e manter cadastro atualizado, nos termos da lei "
     "de prevenção à lavagem de dinheiro."),
]


@pytest.mark.parametrize("name,lang,category,loud,quiet", PAIRS, ids=[f"{p[0]}-{p[1]}" for p in PAIRS])
def test_principle_pair(name, lang, category, loud, quiet):
    assert category in _categories(loud, lang), loud
    assert category not in _categories(quiet, lang), quiet
