"""Errors users can act on, gathered in one place with stable codes (as spaCy does).

Every error raised for bad input is a :class:`KehoachError`; the CLI prints its one-line
Vietnamese message and exits non-zero, never a traceback.
"""
from __future__ import annotations

from pathlib import Path

# code -> message template (Vietnamese: users read these). {path} is always filled in.
MESSAGES = {
    "E001": "{path}: không tìm thấy tệp hoặc thư mục. Kiểm tra lại đường dẫn.",
    "E002": "{path}: tệp rỗng (0 byte). Hãy cung cấp văn bản có nội dung.",
    "E003": "{path}: định dạng '{ext}' chưa được hỗ trợ. Dùng .txt, .pdf, .docx, .doc, .png, .jpg, .tif.",
    "E004": "{path}: tệp quá lớn ({size_mb:.0f} MB > giới hạn {limit_mb:.0f} MB). Tách tệp hoặc tăng --max-size.",
    "E005": "{path}: tệp PDF bị hỏng hoặc không đầy đủ ({detail}). Hãy lấy lại bản gốc.",
    "E006": "{path}: tệp PDF được mã hóa bằng mật khẩu. Hãy gỡ mật khẩu rồi phân tích lại.",
    "E007": "{path}: nội dung không phải văn bản (dữ liệu nhị phân). Kiểm tra lại loại tệp.",
    "E008": "{path}: tệp .docx bị hỏng hoặc không phải Word ({detail}).",
    "E009": "{path}: cần LibreOffice để đọc tệp .doc. Cài đặt: apt-get install libreoffice-writer (lệnh soffice).",
    "E010": "{path}: LibreOffice không chuyển đổi được tệp .doc ({detail}).",
    "E011": "{path}: không nhận ra bảng mã của văn bản. Hãy lưu lại dưới dạng UTF-8.",
    "E012": "{path}: không đọc được tệp ({detail}).",
    "E013": "{path}: tệp gold không hợp lệ ({detail}).",
    "E014": "{path}: cần OCR ({detail}) nhưng chưa cài Tesseract tiếng Việt. Cài đặt: apt-get install tesseract-ocr tesseract-ocr-vie (hoặc chạy với --ocr never).",
    "E015": "{path}: OCR thất bại ({detail}).",
    "E016": "{path}: tệp ảnh bị hỏng hoặc không đọc được ({detail}).",
    "E017": "{path}: mô hình phân loại hoạt động không tương thích (tệp là {found}, cần {expected}). "
            "Huấn luyện lại: kehoach train activities.",
    "E018": "{path}: không đọc được mô hình phân loại hoạt động ({detail}). Huấn luyện lại: kehoach train activities.",
    "E019": "{path}: không có văn bản huấn luyện nào ({detail}). Cần kho văn bản chung (--shared ../shared/corpus).",
    "E020": "{path}: không có chú giải nào để đánh giá ({detail}).",
}


class KehoachError(Exception):
    """A problem with the user's input, explained in one line."""

    def __init__(self, code: str, path: str | Path, **details):
        self.code = code
        self.path = str(path)
        self.details = details
        super().__init__(MESSAGES[code].format(path=self.path, **details))

    @property
    def message(self) -> str:
        return str(self)
