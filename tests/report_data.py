"""Hand-built FileResults for the report tests, so they do not depend on the engine or the readers."""

from __future__ import annotations

from lawlint.model import Authority, Bill, Clause, FileResult, Finding, Severity

GC34 = Authority(
    "gc34-para-49",
    "UN Human Rights Committee, General Comment No. 34",
    "para. 49",
    "https://www.ohchr.org/en/documents/general-comments-and-recommendations/general-comment-no34",
)
JD17 = Authority(
    "jd-2017", "Joint Declaration on Freedom of Expression and Fake News (2017)", "para. 2(a)", ""
)


def finding(
    rule="false-news-offence",
    category="FE-FALSE",
    severity=Severity.ERROR,
    clause="22(1)(a)",
    eid="sec_22__subsec_1__para_a",
    line=7,
    column=5,
    path="bill.txt",
    excerpt="publishes false news",
    title='Offence of publishing "false" information',
    waived=None,
    **kw,
) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=severity,
        confidence=kw.pop("confidence", "high"),
        title=title,
        path=path,
        clause=clause,
        eid=eid,
        line=line,
        column=column,
        page=kw.pop("page", None),
        excerpt=excerpt,
        message=kw.pop("message", "Criminalises publishing information because it is false."),
        fix=kw.pop("fix", "Repeal, or confine to false statements made knowingly and causing serious harm."),
        authorities=kw.pop("authorities", (GC34, JD17)),
        waived=waived,
        fingerprint=kw.pop("fingerprint", f"fp-{rule}-{eid}"),
        **kw,
    )


def sample_results() -> list[FileResult]:
    """Two files: a text bill with three findings (one waived) and a clause tree, and an unreadable PDF."""
    sec22 = Clause(kind="section", num="22", label="22", eid="sec_22", heading="False news")
    sub = Clause(
        kind="subsection",
        num="1",
        label="22(1)",
        eid="sec_22__subsec_1",
        parent=sec22,
        text="A person who, by means of a computer system, —",
    )
    para_a = Clause(
        kind="paragraph",
        num="a",
        label="22(1)(a)",
        eid="sec_22__subsec_1__para_a",
        parent=sub,
        text="publishes false news <script>alert(1)</script> | with * stars;",
    )
    para_b = Clause(
        kind="paragraph",
        num="b",
        label="22(1)(b)",
        eid="sec_22__subsec_1__para_b",
        parent=sub,
        text="insults the dignity of a public officer,",
    )
    sub.children = [para_a, para_b]
    sub2 = Clause(
        kind="subsection",
        num="2",
        label="22(2)",
        eid="sec_22__subsec_2",
        parent=sec22,
        text="This section does not apply to satire.",
    )
    sec22.children = [sub, sub2]
    sec30 = Clause(
        kind="section",
        num="30",
        label="30",
        eid="sec_30",
        heading="Interception",
        text="An authorised officer may intercept any communication.",
    )
    bill = Bill(path="bill.txt", format="txt", title="Cyber Crimes Bill, 2026", clauses=[sec22, sec30])
    findings = [
        finding(excerpt="publishes false news"),
        finding(
            rule="insult-public-officials",
            category="FE-DEFAM",
            severity=Severity.WARNING,
            clause="22(1)(b)",
            eid="sec_22__subsec_1__para_b",
            line=8,
            column=5,
            excerpt="insults the dignity",
            title="Insulting officials, a, b: 100%",
            message="Protects officials from criticism, 50%\nfor sure.",
        ),
        finding(
            rule="interception-without-warrant",
            category="PR-INTERCEPT",
            severity=Severity.INFO,
            clause="30",
            eid="sec_30",
            line=12,
            column=1,
            excerpt="may intercept any communication",
            title="Interception without judicial authorisation",
            waived="Reviewed 2026-11: oversight in s.41",
        ),
    ]
    return [
        FileResult(path="bill.txt", format="txt", language="en", findings=findings, bill=bill),
        FileResult(path="broken.pdf", format="pdf", error="corrupt or truncated PDF"),
    ]


REVIEWED = "Reviewed by the bill committee on 3 March 2026: the clause is being redrafted in the second reading."


def review_waivers(path, reason: str = REVIEWED) -> None:
    """Do what a reviewer does to a generated waivers file: replace every placeholder reason with a real one."""
    from pathlib import Path

    import yaml

    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["waivers"]:
        entry["reason"] = reason
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
