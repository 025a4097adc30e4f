"""Policy documents of a given length as real .docx and .pdf files (python-docx, reportlab with
the bundled font), for `--smoke` (the frozen build imports one of each), the import benchmark
and tests.

The text is a county's 若干措施: a title, a 文号, the issuer, 一、 sections with （一） measures
of about 200 characters each, each naming its responsible units, and a closing validity
sentence. Roughly 26 measures make ten A4 pages.
"""

from __future__ import annotations

from pathlib import Path

TITLE = "柳河县关于支持中小企业高质量发展的若干措施"
NUMBER = "柳政发〔2026〕3号"
ISSUER = "柳河县人民政府"
_CLAUSES = [
    "对新获得银行贷款的小微企业按贷款市场报价利率的50%给予贴息，每户每年最高20万元",
    "对首次认定为国家级专精特新“小巨人”企业的，一次性奖励50万元",
    "对新购置生产设备投资额在500万元以上的工业企业，按设备投资额的10%给予补助",
    "对吸纳高校毕业生就业并签订一年以上劳动合同的企业，按每人1500元给予一次性扩岗补助",
    "对通过融资担保机构获得贷款的企业，担保费率超过1%的部分给予全额补贴",
    "对人参、中药材精深加工企业新建生产线的，按实际投资额的8%给予补助",
]
_NUMERALS = "一二三四五六七八九十"


def _chinese(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    if n < 20:
        return "十" + _NUMERALS[n - 11]
    tens, ones = divmod(n, 10)
    return _NUMERALS[tens - 1] + "十" + (_NUMERALS[ones - 1] if ones else "")


def paragraphs(measures: int, title: str = TITLE, number: str = NUMBER) -> list[str]:
    out = [
        title,
        number,
        "各乡（镇）人民政府，县政府各部门：",
        "为支持中小企业发展，制定以下措施。",
    ]
    per_section = 8
    for n in range(measures):
        if n % per_section == 0:
            out.append(f"{_chinese(n // per_section + 1)}、政策措施第{n // per_section + 1}部分")
        clause = _CLAUSES[n % len(_CLAUSES)]
        out.append(
            f"（{_chinese(n % per_section + 1)}）第{n + 1}项支持措施。{clause}。"
            f"申报企业须在本县依法登记注册、纳税，且上一年度未发生重大安全生产事故。"
            f"（责任单位：县工信局、县财政局）"
        )
    out.append("本措施自2026年3月1日起施行，有效期三年。")
    out.append(ISSUER)
    out.append("2026年2月20日")
    return out


def write_docx(path: Path, measures: int, title: str = TITLE, number: str = NUMBER) -> Path:
    from docx import Document

    doc = Document()
    for text in paragraphs(measures, title, number):
        doc.add_paragraph(text)
    doc.save(str(path))
    return path


def write_pdf(path: Path, measures: int, title: str = TITLE, number: str = NUMBER) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop_app.core.pdf.fonts import register_fonts

    font = register_fonts()
    style = ParagraphStyle("body", fontName=font, fontSize=14, leading=26, wordWrap="CJK")
    story = [Paragraph(text, style) for text in paragraphs(measures, title, number)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()
