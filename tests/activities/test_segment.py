"""Activity segmentation: which parts hold items, what an item is, its span, section path
and the context where its units and deadline are looked up."""
from __future__ import annotations

import pytest

from analyzer.activities.corpus import align, locate, read_items
from analyzer.activities.segment import part_role, segment
from analyzer.data import load_yaml
from analyzer.ingest import ingest
from analyzer.normalize import normalize
from analyzer.structure import parse
from tests.conftest import HOANG_CAT, LUC_NAM, REPO

EXAMPLES = load_yaml("activity_sections.yaml")["examples"]


@pytest.mark.parametrize("role", ["include", "exclude"])
def test_section_examples(role):
    for title in EXAMPLES[role]:
        assert part_role(title) == role, title


def test_section_examples_that_name_no_part():
    for title in EXAMPLES["neither"]:
        assert part_role(title) is None, title


PLAN = """ỦY BAN NHÂN DÂN
XÃ HOẰNG THỬ
Số: 12/KH-UBND
Hoằng Thử, ngày 02 tháng 5 năm 2024
KẾ HOẠCH
Truyền thông giảm nghèo năm 2024
Căn cứ Kế hoạch số 93/KH-UBND ngày 19/4/2024 của UBND huyện Hoằng Hóa về tổ chức tập huấn.
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Mở các lớp tập huấn kỹ năng cho tuyên truyền viên để nâng cao nhận thức.
II. MỤC TIÊU
1. Mục tiêu cụ thể
- Tổ chức đào tạo, bồi dưỡng 300 lượt cán bộ về kỹ năng số.
2. Tháng hành động
a) Chủ đề Tháng hành động năm 2024
“Chung tay vì người nghèo”.
b) Các hoạt động chính
- Treo băng rôn, khẩu hiệu trên các trục đường chính của xã.
III. NỘI DUNG, HÌNH THỨC
1. Tổ chức hội nghị quán triệt kế hoạch cho cán bộ chủ chốt của xã
2. Tuyên truyền trên hệ thống loa truyền thanh
- Phát các tin, bài về giảm nghèo trên loa truyền thanh của xã và các thôn.
Đơn vị chủ trì: Công chức Văn hóa - Thông tin.
Thời gian thực hiện: trước ngày 30/6/2024.
IV. TỔ CHỨC THỰC HIỆN
1. Công chức Lao động - Thương binh và Xã hội
- Định kỳ trước ngày 10/11 hằng năm, báo cáo kết quả thực hiện về UBND huyện.
Nơi nhận:
- UBND huyện;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn An
"""


@pytest.fixture(scope="module")
def plan_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "ke-hoach.txt"
    path.write_text(PLAN, encoding="utf-8")
    return parse(normalize(ingest(path)))


def test_items_are_the_commitments_not_purposes_targets_or_bases(plan_doc):
    texts = [s.text for s in segment(plan_doc)]
    assert not any("Căn cứ" in t for t in texts)
    assert not any("Mở các lớp tập huấn" in t for t in texts)  # Mục đích
    assert not any("300 lượt" in t for t in texts)  # Mục tiêu cụ thể: a target
    assert not any("Chung tay" in t or "Chủ đề" in t for t in texts)  # theme, not a task
    assert any(t.startswith("Treo băng rôn") for t in texts)  # "Các hoạt động chính" under Mục tiêu
    assert any(t.startswith("Tổ chức hội nghị quán triệt") for t in texts)  # a heading with no body
    assert not any(t.startswith("Tuyên truyền trên hệ thống loa") for t in texts)  # a heading over its item
    assert any(t.startswith("Phát các tin, bài") for t in texts)
    assert any(t.startswith("Định kỳ trước ngày 10/11") for t in texts)
    assert not any("Nơi nhận" in t or "Lưu: VT" in t or "Lê Văn An" in t for t in texts)
    assert not any(t.startswith(("Đơn vị chủ trì", "Thời gian thực hiện")) for t in texts)


def test_spans_paths_and_context(plan_doc):
    text = plan_doc.text.text
    segments = segment(plan_doc)
    for seg in segments:
        assert text[seg.span[0]:seg.span[1]] == seg.text
        assert seg.context[0] <= seg.span[0] and seg.span[1] <= seg.context[1]
    def starting(prefix):
        return next(s for s in segments if s.text.startswith(prefix))

    loa = starting("Phát các tin")
    assert loa.section == "III.2"
    # The attribute lines under the item belong to its context: its unit and deadline live there.
    assert "Thời gian thực hiện: trước ngày 30/6/2024" in text[loa.context[0]:loa.context[1]]
    report = starting("Định kỳ trước")
    assert report.section == "IV.1" and report.owner is not None
    assert "Lao động" in text[report.owner[0]:report.owner[1]]
    assert starting("Treo băng rôn").section == "II.2.b"


TABLE = """KẾ HOẠCH
Thi hành Nghị định
I. NỘI DUNG
1. Triển khai các nhiệm vụ tại Phụ lục kèm theo.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn B
PHỤ LỤC
DANH MỤC NHIỆM VỤ
TT
Nội dung thực hiện
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian hoàn thành
I
KIỆN TOÀN BỘ MÁY
1
Tổ chức lại Ban Chỉ huy phòng thủ dân sự cấp tỉnh, cấp xã
Bộ Chỉ huy Quân sự tỉnh
Các sở, ban, ngành
Trước ngày 30/11/2025
2
Ban hành quy chế hoạt động của Ban Chỉ huy
Sở Tư pháp
Các cơ quan liên quan
2025
"""


def _rows_of(tmp_path, body: str):
    """The parsed document of ``body`` and its task-table row segments."""
    path = tmp_path / "bang.txt"
    path.write_text(body, encoding="utf-8")
    doc = parse(normalize(ingest(path)))
    return doc, [s for s in segment(doc) if s.kind == "row"]


def test_task_table_rows_written_one_cell_per_line(tmp_path):
    doc, rows = _rows_of(tmp_path, TABLE)
    assert [r.text for r in rows] == ["Tổ chức lại Ban Chỉ huy phòng thủ dân sự cấp tỉnh, cấp xã",
                                      "Ban hành quy chế hoạt động của Ban Chỉ huy"]
    first = doc.text.text[rows[0].context[0]:rows[0].context[1]]
    assert "Bộ Chỉ huy Quân sự tỉnh" in first and "30/11/2025" in first and "Sở Tư pháp" not in first
    assert rows[0].section.endswith(".I")


@pytest.mark.parametrize("seed", [HOANG_CAT, LUC_NAM], ids=lambda p: p.stem[:12])
def test_segments_find_the_annotated_items_of_the_seeds(seed):
    """Most annotated items of a seed are matched by one segment, and most segments are
    annotated items (corpora/activities, matched as in the model card)."""
    doc = parse(normalize(ingest(seed)))
    items = read_items(REPO / "corpora" / "activities" / f"{seed.stem}.jsonl")
    locate(doc.text.text, items)
    assert all(item.span is not None for item in items)
    spans = [s.span for s in segment(doc)]
    pairs = align(items, spans)
    assert len(pairs) >= 0.9 * len(items)
    assert len(pairs) >= 0.8 * len(spans)


MARKDOWN_ANNEX = """KẾ HOẠCH
Triển khai chuyển đổi số

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ về chuyển đổi số.

II. TỔ CHỨC THỰC HIỆN
Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo.

PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH CHUYỂN ĐỔI SỐ CỦA TỈNH TRONG GIAI ĐOẠN TỪ NĂM 2025 ĐẾN NĂM 2030
| TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |
|---|---|---|---|
| I. | Nâng cao nhận thức |  |  |
| 1. | Tổ chức tập huấn kỹ năng số cho cán bộ, công chức | Sở Nội vụ | 2025 |
| II. | Hoàn thiện thể chế |  |  |
| 2. | Xây dựng quy chế quản lý dữ liệu của tỉnh | Sở Tư pháp | 6/2025 |
"""


def test_markdown_task_table_in_an_annex_gives_one_item_per_row(tmp_path):
    doc, rows = _rows_of(tmp_path, MARKDOWN_ANNEX)
    assert [r.text for r in rows] == ["Tổ chức tập huấn kỹ năng số cho cán bộ, công chức",
                                      "Xây dựng quy chế quản lý dữ liệu của tỉnh"]
    assert [r.section.rsplit(".", 1)[-1] for r in rows] == ["I", "II"]
    assert "Sở Nội vụ" in doc.text.text[rows[0].context[0]:rows[0].context[1]]
    # Neither the header, the rule, the group rows nor the annex title is an item.
    assert not any("|" in s.text or s.text.startswith("DANH MỤC") for s in segment(doc))


def test_docx_task_table_rows_are_their_task_cells():
    """A DOCX table arrives as one " | "-joined line per row; each row's task cell is the
    item, not the whole line, and the header row numbering the columns is none."""
    from tests.conftest import corpus_path

    for name in ("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
                 "KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx"):
        doc = parse(normalize(ingest(corpus_path("docx", name))))
        rows = [s for s in segment(doc) if s.kind == "row"]
        assert len(rows) >= 8
        assert not any("|" in s.text for s in segment(doc))
        assert rows[0].text.startswith(("Rà soát việc đáp ứng", "Tổ chức quán triệt sâu rộng"))
