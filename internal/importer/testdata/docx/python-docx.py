#!/usr/bin/python3
"""Writes flood-notice-python-docx.docx: an official notice (公文) as
python-docx writes it, with what the importer must read: 文号, title,
numbered headings 一、/（一）, Word heading styles, bold, italic, a link,
a footnote, bullet and numbered lists, a table with merged cells, an
image, the 附件 list, and the issuer and date at the end.

Run with Debian's python3-docx: /usr/bin/python3 python-docx.py
"""
import copy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Cm

doc = Document()
core = doc.core_properties
core.author = "示例市人民政府办公室"
core.title = ""

def para(text="", align=None, style=None):
    p = doc.add_paragraph(text, style=style)
    if align:
        p.alignment = align
    return p

para("示例市人民政府办公室文件", WD_ALIGN_PARAGRAPH.CENTER).runs[0].bold = True
para("示府办发〔2024〕12号", WD_ALIGN_PARAGRAPH.CENTER)
doc.add_paragraph("示例市人民政府办公室关于做好2024年夏季防汛工作的通知", style="Title")
para("各区县人民政府，市政府各部门：")

p = para("为切实做好今年")
r = p.add_run("汛期")
# A footnote: python-docx has no API for them, so the part is added by hand.
r_ref = parse_xml('<w:r %s><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>' % nsdecls("w"))
p._p.append(r_ref)
p.add_run("防汛工作，确保人民群众生命财产安全，")
p.add_run("经市政府同意").bold = True
p.add_run("，现就有关事项通知如下（另见")
# A hyperlink, also by hand.
rid = doc.part.relate_to("https://www.mem.gov.cn/", RT.HYPERLINK, is_external=True)
p._p.append(parse_xml('<w:hyperlink %s r:id="%s"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>应急管理部网站</w:t></w:r></w:hyperlink>' % (nsdecls("w", "r"), rid)))
p.add_run("）：")

para("一、总体要求")
p = para("坚持")
p.add_run("人民至上、生命至上").italic = True
p.add_run("，立足防大汛、抗大洪、抢大险，全面落实各项防汛措施。")
para("二、重点任务")
para("（一）落实防汛责任")
para("各区县要逐级落实防汛责任人，名单于5月15日前报市防汛办。")
para("（二）做好物资储备")
for t in ["编织袋不少于5万条；", "救生衣不少于2000件；", "移动排涝泵站每区县不少于2台。"]:
    doc.add_paragraph(t, style="List Bullet")
for t in ["5月20日前完成物资清点。", "6月1日前补齐缺口。"]:
    doc.add_paragraph(t, style="List Number")
doc.add_heading("三、保障措施", level=1)
para("储备物资分布如下：")

table = doc.add_table(rows=4, cols=3)
table.style = "Table Grid"
cells = [["区县", "物资", "数量"], ["涪城区", "编织袋", "2万条"], ["", "救生衣", "800件"], ["合计", "", "见附件1"]]
for i, row in enumerate(cells):
    for j, text in enumerate(row):
        if text:
            table.cell(i, j).text = text
table.cell(1, 0).merge(table.cell(2, 0))
table.cell(3, 0).merge(table.cell(3, 1))

para("防汛值班电话表如图：")
doc.add_picture("chart.png", width=Cm(4))
# Word keeps an image's alt text in docPr's descr.
doc.paragraphs[-1]._p.xpath(".//wp:docPr")[0].set("descr", "防汛值班电话表")

para("附件：1. 防汛物资储备清单")
para("　　　2. 防汛值班安排表")
para("")
para("示例市人民政府办公室", WD_ALIGN_PARAGRAPH.RIGHT)
para("2024年5月6日", WD_ALIGN_PARAGRAPH.RIGHT)
para("（此件公开发布）")

# The footnotes part.
footnotes = '''<w:footnotes %s>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 本通知所称汛期为每年5月1日至9月30日。</w:t></w:r></w:p></w:footnote>
</w:footnotes>''' % nsdecls("w")
part = Part(PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            footnotes.encode("utf-8"), doc.part.package)
doc.part.relate_to(part, RT.FOOTNOTES)

doc.save("flood-notice-python-docx.docx")
