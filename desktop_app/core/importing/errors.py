"""The one error a document reader raises, with the Chinese message shown to the user."""

from __future__ import annotations


class DocumentReadError(Exception):
    """A file that cannot be read as a policy document.

    `message` is complete Chinese text for the user: what is wrong and what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


SAVE_AS_DOCX = "请用 WPS 或 Word 打开后“另存为” .docx 文件再导入。"

LEGACY_DOC = "这是旧版 Word（.doc）文件，本程序不能直接读取。" + SAVE_AS_DOCX
WPS = "这是 WPS 文字（.wps）文件，本程序不能直接读取。" + SAVE_AS_DOCX
OFD = (
    "这是 OFD 版式文件，本程序不能直接读取。请用 OFD 阅读器或 WPS 打开后导出为带文字的 PDF，"
    "或另存为 .docx 文件再导入。"
)
ENCRYPTED_DOCX = (
    "这个 Word 文件设置了打开密码，无法读取。请在 Word 或 WPS 中取消密码（文件→信息→保护文档）"
    "后另存为 .docx 再导入。"
)
ENCRYPTED_PDF = (
    "这个 PDF 文件设置了打开密码，无法读取。请向发文单位索取未加密的文件，或用 PDF 阅读器输入密码"
    "后另存一份不带密码的 PDF 再导入。"
)
SCANNED_PDF = (
    "这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字。请向发文单位索取 Word 版或"
    "可复制文字的 PDF；也可先用 WPS 等软件的文字识别（OCR）功能转成 Word 文件，核对后再导入。"
)
BROKEN_PDF = "这个 PDF 文件已损坏或不完整，无法打开。请重新下载或复制该文件后再导入。"
BROKEN_DOCX = (
    "这个 Word 文件已损坏或不完整，无法打开。请重新复制该文件，"
    "或用 Word/WPS 打开后另存为 .docx 再导入。"
)
EMPTY_FILE = "文件是空的（0 字节）。请确认文件已完整复制（例如从U盘拷贝完成）后再导入。"
NO_TEXT = (
    "文件中没有可读取的文字。请确认选对了文件；如是扫描件，请先转成带文字的 Word 或 PDF 文件。"
)
BINARY_TXT = "这个文件不是纯文本文件，无法按 .txt 读取。请导入 .docx、.pdf 或 .txt 文件。"
UNKNOWN_ENCODING = (
    "无法识别这个文本文件的文字编码。请用记事本打开后“另存为”，编码选 UTF-8，再导入。"
)


def unsupported_type(suffix: str) -> str:
    shown = suffix or "（无扩展名）"
    return f"不支持的文件类型“{shown}”。请导入 Word（.docx）、PDF 或文本（.txt）文件。"


def cannot_open(reason: str) -> str:
    return f"无法打开文件：{reason}。请确认文件存在且未被其他程序占用后再试。"
