"""Each generalisation principle of issue 9 as a loud/quiet pair: the loud text must raise a finding of the
category at warning or above, its look-alike must raise none of that category.

The texts are written here from the principle, in drafting styles the rule examples do not use, so a change
that keeps every rule example passing but breaks a principle fails here.
"""

from __future__ import annotations

import pytest

from lawlint.engine.loader import load_rules
from bill_text import flagging_findings, reported_categories

RULES = load_rules()


def _findings(text: str, lang: str = "en"):
    return flagging_findings(text, RULES, lang)


def _categories(text: str, lang: str = "en") -> set[str]:
    return reported_categories(_findings(text, lang), RULES)


PAIRS = [
    # 1. Penalty first, the actor after it (translated civil-law drafting).
    ("penalty-first", "FE-FALSE",
     "Imprisonment for a term of up to two years shall be imposed upon anyone who, through an information network, "
     "circulates rumours about the health of public figures.",
     "Imprisonment for a term of up to two years shall be imposed upon anyone who, through an information network, "
     "obtains money by a false representation with intent to make a gain."),
    # 3. A list item pasted on its own: the conduct it describes is enough, at warning.
    ("item-read-alone", "FE-VAGUE",
     "(f) transmits a message that is offensive or annoying to the recipient;",
     "(f) transmits a message to the recipient in the form prescribed by the Registrar;"),
    ("infinitive-item-read-alone", "FE-SECURITY",
     "(c) to raise discontent or disaffection amongst the inhabitants against the Government;",
     "(c) to raise revenue from the inhabitants for the Government in accordance with the Finance Act;"),
    ("catalogue-read-alone", "FE-DEFAM",
     "Content which ridicules the Head of State or brings the armed forces into contempt.",
     "Content which the Head of State has approved for display in the museum of the armed forces."),
    # A whole text that holds a restriction elsewhere is not a fragment: a clause without context stays quiet.
    ("context-elsewhere", "FE-VAGUE",
     "(b) posts material that is offensive to another person;",
     "1. Any person who steals a computer commits an offence.\n"
     "2. The Authority shall publish a report on material that is offensive to users and on how platforms respond."),
    # The penalty in another subsection makes the prohibition in (1) a restriction; a subsection that only refers
    # back to it does not become one.
    ("penalty-in-other-subsection", "FE-FALSE",
     "5. (1) No person shall, in any newspaper or online, publish a statement that is untrue about a public body.\n"
     "(2) A person who contravenes subsection (1) commits an offence and is liable to a fine.",
     "5. (1) No person shall enter a restricted area without a permit.\n"
     "(2) A person who contravenes subsection (1) commits an offence and is liable to a fine.\n"
     "(3) The Minister shall lay before Parliament the untrue statements found in permit applications."),
    # "shall not insult" is a prohibition of expression like "shall not publish".
    ("prohibited-speech-verb", "FE-VAGUE",
     "18. (1) A person shall not, through a computer system, insult another person for the reason of his religion.\n"
     "(2) A person who contravenes subsection (1) commits an offence.",
     "18. (1) A person shall not, through a computer system, access another person's data without authorisation.\n"
     "(2) A person who contravenes subsection (1) commits an offence."),
    # Conduct through a communications network is communication.
    ("network-is-communication", "FE-MORAL",
     "Any person who abuses any religious belief through a computer network shall be liable to imprisonment "
     "for three years.",
     "Any person who abuses any animal kept in a religious building shall be liable to a fine."),
    # Grounds of a warrant are not speech restrictions.
    ("warrant-grounds", "FE-SECURITY",
     "Any person who publishes content prejudicial to national security commits an offence and is liable to "
     "imprisonment.",
     "A judge may issue an interception warrant where there is evidence of an offence punishable with three years' "
     "imprisonment that may endanger national security and the content of the communication is relevant."),
    # A companion CR rule stands only beside the restriction another rule found.
    ("companion-needs-restriction", "CR-HARM",
     "Any person who publishes a defamatory statement about another person commits an offence and is liable to "
     "imprisonment.",
     "Any person who, with a view to gain and with menaces, demands property, including by a threat to publish "
     "damaging facts, commits an offence and is liable to imprisonment."),
    # Powers over computers, data or communications, not seed or cargo.
    ("digital-object", "PR-SEARCH",
     "An officer may, without warrant, enter any premises and seize any computer or data storage device found there.",
     "An officer may, without warrant, enter any premises and seize any seed or package found there."),
    # A warrant a justice issues on information on oath is judicial authorisation, whatever the court is called.
    ("justice-warrant", "PR-SEARCH",
     "A police officer may enter any premises and seize any computer found there if he believes it holds evidence.",
     "A justice who is satisfied by information on oath that there are reasonable grounds to believe that a computer "
     "in a place holds evidence of an offence may issue a warrant authorizing an officer to enter and seize it."),
    # Lying to an official is not false news, whichever comes first, the official or the falsity.
    ("falsity-to-an-official", "FE-FALSE",
     "No person shall knowingly publish on social media false or misleading information about the Authority.",
     "No person shall knowingly communicate orally, in writing or by electronic means to the Minister false or "
     "misleading information in relation to any matter under this Act."),
    # Falsity in a return or record that never reaches the public is not a speech offence.
    ("falsity-without-public", "FE-FALSE",
     "Any person who spreads false news through any newspaper commits an offence.",
     "Every person who knowingly provides false or misleading information in a report required under this Act is "
     "guilty of an offence."),
    # "Seized of a matter" and a search of a register are not coercive powers.
    ("other-sense-search", "PR-SEARCH",
     "An authorised officer may, without warrant, search any computer system and seize any data.",
     "A member who was never seized of the matter may be appointed, and the member may search any computer record "
     "of the tribunal."),
    # An order a court makes on an ex parte application is judicial authorisation, and so is a judicial officer's.
    ("ex-parte-application-to-a-court", "PR-INTERCEPT",
     "The Director of the Agency may authorise an officer to intercept the communications of any person.",
     "An officer of the Agency may apply ex parte to a District Court for an order to intercept the communications "
     "of a named person."),
    ("judicial-officer", "PR-SEARCH",
     "A police officer may search any premises and seize any computer or phone found there.",
     "If it appears to a judicial officer on complaint made on oath that a computer holding evidence is on any "
     "premises, he may issue his warrant directing a police officer to search the premises and seize it."),
    # Punishing an employee who intercepts a communication protects it: it is not a monitoring duty.
    ("interception-offence-protects", "IL-MONITOR",
     "Every telecommunication licensee shall monitor all content transmitted by its users and filter unlawful content.",
     "Any employee of a telecommunication licensee who wilfully intercepts or prevents the transmission of a "
     "communication shall be guilty of an offence."),
    # A look-alike ground does not excuse the other grounds listed beside it (a mixed clause).
    ("mixed-grounds", "FE-EXTREM",
     "The Minister may order the blocking of information containing calls for extremist activity, mass riots or "
     "child pornography.",
     "The Minister may order the blocking of information containing child pornography."),
    # Scandalising the court is an insult offence against an institution, even as a fragment.
    ("scandalising-the-court", "FE-DEFAM",
     "scandalises the court by publishing any matter that impugns the integrity of any court;",
     "scandalises no one: the court may publish its judgments on its website;"),
    # A duty to give decryption, stated without its holder, is still a compelled-decryption duty.
    ("decryption-duty-read-alone", "PR-ENCRYPT",
     "shall provide technical interfaces, decryption and other technical support to the security organs.",
     "shall provide the annual report and other documents to the security committee of Parliament."),
    # Terrorism defined by disruption, property damage or national unity reaches protest; defined by deadly violence it does not.
    ("terrorism-definition", "FE-EXTREM",
     "In this Act, \"act of terrorism\" includes any act that disrupts an essential service or threatens national unity.",
     "In this Act, \"act of terrorism\" means an act intended to cause death or serious bodily injury to civilians to "
     "compel a government to act."),
    # Suspending a licensee's services on an emergency is a shutdown; suspending its licence for a breach is not.
    ("licensee-services-shutdown", "IL-BLOCK",
     "Upon a proclamation of emergency, the Government may cause suspension of the operation, functions or services "
     "of any licensee for such time as it deems necessary.",
     "Where a licensee fails to pay the annual fee, the Authority may suspend the licence after notice."),
    # Restating ICCPR art. 20(2)'s threshold meets the standard; hatred without incitement does not.
    ("article-20-threshold", "FE-HATE",
     "No person shall propagate or advocate religious hatred.\nA person who contravenes this section commits an offence.",
     "No person shall advocate national, racial or religious hatred that constitutes incitement to discrimination, "
     "hostility or violence.\nA person who contravenes this section commits an offence."),
    # A bare list item of a blocking power reads as one.
    ("power-read-alone", "IL-BLOCK",
     "(d) order the blocking of any website that carries prohibited content;",
     "(d) the website of the Authority shall list every licensee."),
    # heldout5 (8 Dec): a list item whose chapeau ("No person shall—") was cut still describes the conduct.
    ("bare-verb-list-item", "FE-FALSE",
     "(a) spread any rumour or unverified report about the epidemic;",
     "(a) investigate any rumour of misconduct by its staff;"),
    # Blocking named by the measures it takes, and an order framed as a provider's compliance steps.
    ("measures-to-block", "IL-BLOCK",
     "(d) take measures to block and disconnect all network connections that threaten social order;",
     "(d) take measures to protect its network from malicious software;"),
    ("steps-to-disable-access", "IL-BLOCK",
     "The Minister may direct the Commission to order an internet access service provider to take reasonable steps "
     "to disable access by end-users to the online location.",
     "On an application by the Commission, the High Court may order an internet access service provider to take "
     "reasonable steps to disable access by end-users to the online location."),
    # A duty to ensure that a category of content is never carried is a general monitoring duty.
    ("ensure-content-not-carried", "IL-MONITOR",
     "A licensee shall use its best efforts to ensure that prohibited material is not broadcast to users in the country.",
     "A licensee shall ensure that its broadcasts are not interrupted during an emergency."),
    # "or otherwise" widens the content ("or otherwise objectionable"), not the conduct ("or otherwise distributes").
    ("residual-content-not-conduct", "FE-CATCHALL",
     "No person shall publish material that is seditious, indecent or otherwise objectionable material.",
     "A person who, without the consent of the owner, copies, sells or otherwise distributes material in which "
     "copyright subsists commits an offence."),
    # Mixed clause: a fraud limb (scams, phishing) does not excuse a false-news limb whose harm is public panic.
    ("fraud-limb-does-not-excuse-panic", "FE-FALSE",
     "Individuals spreading false information about the epidemic that promotes panic or chaos; and persons who use "
     "the crisis to defraud the public through scams or phishing.",
     "Any person who, by means of false information, phishing or scams, obtains money from another person commits "
     "an offence."),
    # Keeping what users do and whom they deal with, for a period the executive sets, is retention; a storage
    # limit of data-protection law is its opposite.
    ("user-activity-retention", "PR-RETENTION",
     "Enterprises providing services on the internet that collect data on the relationships of service users or data "
     "generated by service users must store such data in the country for the period prescribed by the Government.",
     "A controller shall not store data generated by service users for longer than is necessary for the purposes "
     "for which they are processed."),
    # A standing duty to hand every user's data to a ministry needs no order at all, so it has no court either;
    # a regulatory return of tariffs and counts is not users' data.
    ("standing-bulk-disclosure", "PR-SEARCH",
     "All telecom operators shall provide the Ministry all telecom service data and all subscriber data on their "
     "networks.",
     "All telecom operators shall provide the Ministry an annual report of their tariffs and the number of their "
     "subscribers."),
    # One offence over several paragraphs: "such indecent photographs" are those "of a child" named in (a).
    ("child-abuse-offence-across-paragraphs", "FE-MORAL",
     "(1) It is an offence for a person— (a) to take any indecent photograph; or (b) to distribute or show such "
     "indecent photographs.",
     "(1) It is an offence for a person— (a) to take any indecent photograph of a child; or (b) to distribute or "
     "show such indecent photographs."),
]


@pytest.mark.parametrize("name,category,loud,quiet", PAIRS, ids=[p[0] for p in PAIRS])
def test_principle_pair(name, category, loud, quiet):
    assert category in _categories(loud), f"{name}: loud text raised {sorted(_categories(loud))}"
    assert category not in _categories(quiet), f"{name}: quiet text raised {sorted(_categories(quiet))}"


def test_read_alone_is_a_lower_confidence_warning_that_says_why():
    (finding,) = [f for f in _findings("(f) transmits a message that is offensive or annoying to the recipient;")
                  if f.category == "FE-VAGUE"]
    assert str(finding.severity) == "warning"
    assert finding.confidence in ("medium", "low")
    assert "read alone" in finding.explanation


def test_offence_context_raises_the_read_alone_finding():
    alone = _findings("(f) transmits a message that is offensive or annoying to the recipient;")
    whole = _findings("A person who (f) transmits a message that is offensive or annoying to the recipient; "
                      "commits an offence.")
    assert max(int(f.severity) for f in whole if f.category == "FE-VAGUE") > max(
        int(f.severity) for f in alone if f.category == "FE-VAGUE")


@pytest.mark.parametrize("lang,loud,quiet", [
    ("fr", "b) publie des informations qui portent atteinte à l'ordre public ;",
     "b) publie au Journal officiel la liste des membres du conseil ;"),
    ("es", "c) difunda noticias falsas que alteren el orden público;",
     "c) difunda en el Boletín Oficial la lista de los miembros del consejo;"),
])
def test_read_alone_in_french_and_spanish(lang, loud, quiet):
    assert any(c.startswith("FE-") for c in _categories(loud, lang))
    assert not any(c.startswith("FE-") for c in _categories(quiet, lang))


def test_a_text_shorter_than_a_pattern_prefix_is_linted_without_error():
    # seen on one-line French Canadian sections of the lawful corpus ("Loi sur le vérificateur général.")
    assert _findings("Loi sur le vérificateur général.", "fr") == []
    assert _findings("Short title.", "en") == []
