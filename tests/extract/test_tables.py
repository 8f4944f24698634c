"""Task tables written one cell per line (analyzer/extract/tables.py), as text exports of
annex tables arrive: the header, rows that start with their number, group rows, the header
repeated after a page break, empty trailing cells."""
from __future__ import annotations

from analyzer import normalize
from analyzer.extract.tables import column_role, one_cell_per_line_tables
from analyzer.models import Page, Source

TABLE = """PHỤ LỤC NHIỆM VỤ
TT
Nội dung thực hiện
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
I
KIỆN TOÀN BỘ MÁY CHỈ ĐẠO
1
Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã
Bộ CHQS tỉnh
Các sở, ban, ngành
Trước ngày 30/11/2025
2
Ban hành quy chế hoạt động của Ban Chỉ huy
Sở Tài chính
Cơ quan liên quan
Nội dung
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
2.1
Phòng thủ
3
Xây dựng công trình phòng thủ dân sự gắn với khu vực phòng thủ
Ban Chỉ huy Phòng thủ dân sự tỉnh
Cơ quan có liên quan
Thường xuyên
Nơi nhận:
- Như trên;
"""


def _text(body: str):
    return normalize(Source(path="t.txt", sha256="0", format="txt", pages=[Page(1, body)]))


def _cells(text, row):
    return [text.para_text(p) for p in text.paragraphs[row.first:row.last + 1]]


def test_column_roles_of_header_cells():
    assert [column_role(c) for c in ("Nội dung thực hiện", "Cơ quan chủ trì", "Đơn vị phối hợp thực hiện",
                                     "Đơn vị thực hiện", "Thời gian hoàn thành", "Chỉ tiêu", "Ghi chú")] == \
        ["task", "lead", "coordinate", "implement", "deadline", "target", None]


def test_rows_keep_their_columns_across_groups_page_break_header_and_empty_cells():
    text = _text(TABLE)
    [table] = one_cell_per_line_tables(text)
    assert table.columns == (None, "task", "lead", "coordinate", "deadline")
    assert [_cells(text, r)[0] for r in table.rows] == ["1", "2", "3"]
    first, second, third = table.rows
    assert first.group == "I" and third.group == "2.1"
    # Row 2 left its deadline empty: one line fewer, the cells keep their place.
    assert second.columns == (None, "task", "lead", "coordinate")
    assert _cells(text, second)[2] == "Sở Tài chính"
    # The table ends with its last row: Nơi nhận is outside it.
    assert "Nơi nhận" not in text.para_text(text.paragraphs[table.last])
    assert _cells(text, third)[-1] == "Thường xuyên"


def test_a_table_without_a_task_column_is_no_task_table():
    text = _text("TT\nHọ và tên\nChức vụ\nGhi chú\n1\nNguyễn Văn A là thành viên\nTrưởng đoàn\n")
    assert one_cell_per_line_tables(text) == []


def test_a_header_row_numbering_the_columns_is_not_a_column():
    # The Lào Cai draft numbers its columns "(1) ... (5)" under the header: the rows keep the
    # header's grid, so "Công an tỉnh" is in the lead column.
    text = _text("TT\nTên nhiệm vụ\nSở, ngành chủ trì tham mưu\nĐơn vị phối hợp thực hiện\n"
                 "Thời gian thực hiện\nGhi chú\n(1)\n(2)\n(3)\n(4)\n(5)\n"
                 "1\nXử lý dứt điểm các hành vi khai thác khoáng sản bằng tàu cuốc\nCông an tỉnh\n"
                 "Các Sở, ban, ngành và địa phương\nXong trong Quý II/2026\n")
    [table] = one_cell_per_line_tables(text)
    assert table.columns == (None, "task", "lead", "coordinate", "deadline", None)
    [row] = table.rows
    assert dict(zip(_cells(text, row), row.columns))["Công an tỉnh"] == "lead"


def test_pipe_cells_keep_border_and_empty_cells_with_their_offsets():
    from analyzer.extract.tables import pipe_cells

    line = "| 1. | Xây dựng đề án |  | 6/2025 |"
    cells = pipe_cells(line)
    assert [c for _, c in cells] == ["", "1.", "Xây dựng đề án", "", "6/2025", ""]
    assert all(line[o:o + len(c)] == c for o, c in cells)
    # A DOCX row with an empty first cell has the same columns as its header.
    assert len(pipe_cells("| Rà soát hồ sơ | Vũ Việt Linh |")) == len(pipe_cells("TT | Nhiệm vụ | Người | Ghi chú"))


def test_pipe_table_reader_gives_each_row_its_task_cell_and_group():
    from analyzer.extract.tables import PipeTableReader

    reader = PipeTableReader()
    kinds = [reader.read(line) for line in [
        "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
        "|---|---|---|---|",
        "| I. | Hoàn thiện thể chế |  |  |",
        "| 1. | Sửa đổi Luật Khoa học và Công nghệ | Bộ Khoa học và Công nghệ | 2025 |",
    ]]
    assert [k.kind for k in kinds] == ["header", "rule", "group", "row"]
    assert kinds[0].columns[2:4] == ("task", "lead")
    assert kinds[3].task[1] == "Sửa đổi Luật Khoa học và Công nghệ" and kinds[3].group == "I"
    # A table of targets names no task: its rows carry none.
    targets = PipeTableReader()
    targets.read("| TT | Chỉ tiêu | Đơn vị | Kết quả |")
    assert targets.read("| 1 | Tỷ lệ dân số trưởng thành có chữ ký số | % | 40 |").task is None
