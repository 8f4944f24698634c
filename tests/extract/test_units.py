"""The unit gazetteer's examples, canonical names, and roles in the seed plans."""
from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.data import load_tsv, load_yaml
from analyzer.extract.mentions import find_mentions
from analyzer.extract.recipients import distribute
from analyzer.extract.recipients import whole_recipient as _whole_recipient
from tests.conftest import HOANG_CAT, LUC_NAM

HEADS = load_yaml("units.yaml")["heads"]
COLLECTIVE_EXAMPLES = load_yaml("units.yaml")["collective"]["examples"]


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h["words"])
def test_units_gazetteer_examples(head):
    for example in head["examples"]:
        found = find_mentions(example["text"])
        assert found and found[0][1] == example["name"], (example, found)


def test_units_mention_spans_point_into_the_original_text():
    text = "- Phối hợp với Phòng Lao động-TB&XH và UBND các xã, thị trấn kiểm tra."
    found = find_mentions(text)
    assert [name for _, name in found] == ["Phòng Lao động - Thương binh và Xã hội", "Ủy ban nhân dân các xã, thị trấn"]
    assert [text[a:b] for (a, b), _ in found] == ["Phòng Lao động-TB&XH", "UBND các xã, thị trấn"]


def test_units_lost_glyph_department_gets_its_gazetteer_name():
    assert find_mentions("1. Phòng Lao động - Thương binh v  Xã hội")[0][1] == "Phòng Lao động - Thương binh và Xã hội"


def test_units_distributive_recipients():
    assert distribute("Sở: NN&MT, TC, GD&ĐT") == ["Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Giáo dục và Đào tạo"]
    # Inside a shared-head list "CT" is Công Thương, and "VH,TT&DL" is one code.
    assert distribute("Các Sở: CT, VH,TT&DL;") == ["Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch"]
    # An office's unknown internal codes name nothing.
    assert distribute("Phòng: TH, VX;") == []
    assert distribute("Chánh VP, các PVP UBND tỉnh") == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh"]
    assert distribute("CT, PCT UBND TP") == ["Chủ tịch Ủy ban nhân dân thành phố", "Phó Chủ tịch Ủy ban nhân dân thành phố"]
    assert distribute("Thủ tướng, các Phó Thủ tướng Chính phủ;") == ["Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ"]
    assert distribute("Chánh, các PCVP UBND tỉnh;") == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh"]


def test_units_offices_of_the_issuing_committee_in_recipients():
    # Guideline 1.3: "VPUB: CVP, các PCVP" names the Office's heads, of the issuer's committee.
    committee = "Ủy ban nhân dân tỉnh"
    assert distribute("VPUB: + CVP, các PCVP (đ/b);", committee) == [
        "Chánh Văn phòng Ủy ban nhân dân tỉnh", "Phó Chánh Văn phòng Ủy ban nhân dân tỉnh"]
    assert distribute("TTUB: CT, các PCT;", committee) == ["Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh"]
    # The Office's departments by code: the Office receives too.
    assert distribute("VPUBTP: CVP, các PCVP, các phòng, đơn vị: ĐMPT, TH;", "Ủy ban nhân dân thành phố")[-1] == \
        "Văn phòng Ủy ban nhân dân thành phố"
    # Without a committee issuer (a Party or Front plan) the line is left as it is.
    assert distribute("VPUB: CVP, các PCVP") == ["VPUB: CVP, các PCVP"]


def test_units_hoang_cat_roles():
    units = {u.name: u for u in analyze(HOANG_CAT).units}
    vhtt = units["Công chức Văn hóa - Thông tin"]
    ldtbxh = units["Công chức Lao động - Thương binh và Xã hội"]
    # VH-TT leads; LĐ-TB&XH "phối hợp với công chức Văn hóa – Thông tin": both coordinate
    # there (guideline 1.2), and LĐ-TB&XH never leads.
    assert "lead" in vhtt.roles and "coordinate" in vhtt.roles
    assert "coordinate" in ldtbxh.roles and "lead" not in ldtbxh.roles
    assert units["Phòng Văn hóa - Thông tin"].roles == ["receive"]
    assert vhtt.level.value == "xa"


def test_units_luc_nam_heading_owns_its_items():
    units = {u.name: u for u in analyze(LUC_NAM).units}
    phong = units["Phòng Lao động - Thương binh và Xã hội"]
    assert {"lead", "report"} <= set(phong.roles)
    assert "implement" in units["Ủy ban nhân dân các xã, thị trấn"].roles


@pytest.mark.parametrize("text,names", [
    ("Thường trực Đ.ủy, HĐND xã (b/c)", ["Thường trực Đảng ủy xã", "Thường trực Hội đồng nhân dân xã"]),
    ("Đảng ủy, UBND các xã, thị trấn", ["Đảng ủy các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"]),
    ("Sở Tài chính, Sở Tư pháp tỉnh Bắc Ninh", ["Sở Tài chính", "Sở Tư pháp tỉnh Bắc Ninh"]),
    # Lục Nam: the council of the Party committee's level.
    ("TT Huyện ủy, TT HĐND;", ["Thường trực Huyện ủy", "Thường trực Hội đồng nhân dân huyện"]),
])
def test_units_lists_share_office_and_bare_locality(text, names):
    assert [name for _, name in find_mentions(text)] == names


@pytest.mark.parametrize("row", load_tsv("sector_codes.tsv"), ids=lambda r: r[0])
def test_sector_code_examples_distribute(row):
    code, sector, example = row
    assert any(part.endswith(sector) for part in distribute(example))


def test_units_recipient_line_is_one_body():
    assert _whole_recipient("Tòa án nhân dân thành phố") == "Tòa án nhân dân thành phố"
    assert _whole_recipient("Văn phòng Đoàn ĐBQH và HĐND tỉnh (b/c)") == "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh"
    assert _whole_recipient("Lưu: VT, NV") is None
    assert _whole_recipient("UBMTTQ thành phố và các đoàn thể") is None  # two bodies


@pytest.mark.parametrize("text", load_yaml("units.yaml")["not_units"]["examples"])
def test_units_bare_heads_and_kinds_are_not_units(text):
    assert find_mentions(text) == [], text


def test_units_one_cell_per_line_task_table_gives_column_roles():
    # 980/KH-UBND Nghệ An: the annex task table arrives one cell per line ("TT / Nội dung
    # thực hiện / Cơ quan chủ trì / Cơ quan phối hợp / ..."); rows with an empty last cell
    # have one line fewer.
    from tests.conftest import corpus_path
    plan = analyze(corpus_path("text", "980_KH-UBND_NgheAn_2025.txt"))
    roles = {u.name: u.roles for u in plan.units}
    assert "lead" in roles["Sở Tài chính"] and "implement" in roles["Sở Tài chính"]
    assert "lead" in roles["Ban Chỉ huy Phòng thủ dân sự tỉnh"]
    assert "coordinate" in roles["Bộ Quốc phòng"]
    assert "lead" in roles["Sở Nông nghiệp và Môi trường"]


@pytest.mark.parametrize("text, subject", [
    ("- Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã lãnh đạo, chỉ đạo chung",
     "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("6. Phó chủ tịch phụ trách lĩnh vực Công tác Xã hội", "Phó Chủ tịch phụ trách lĩnh vực Công tác Xã hội"),
    # A person's name before the office (1105/KH-ĐKT): people are not units, the office is.
    ("4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chủ trì các buổi làm việc", "Trưởng đoàn"),
    ("6.1. Các thành viên Đoàn thực hiện nghiêm túc Kế hoạch", "Thành viên Đoàn"),
    ("- Ông Nguyễn Văn A – Phó Trưởng đoàn: tổng hợp báo cáo", "Phó Trưởng đoàn"),
    ("g. Các ông bà Phó Chủ tịch MTTQ xã có trách nhiệm theo dõi", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc xã"),
])
def test_units_subject_after_apposition_and_portfolio(text, subject):
    from analyzer.extract.units import _subject
    assert _subject(text) == subject


def test_units_partner_of_phoi_hop_voi_coordinates_even_where_it_leads():
    from analyzer import normalize, parse
    from analyzer.extract.units import find_units
    from analyzer.models import Page, Source
    text = ("KẾ HOẠCH\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp\n- Chủ trì tổ chức tuyên truyền.\n"
            "2. Sở Tài chính\n- Phối hợp với Sở Tư pháp và Công an tỉnh tuyên truyền.\n")
    doc = parse(normalize(Source(path="t.txt", sha256="0", format="txt", pages=[Page(1, text)])))
    roles = {u.name: u.roles for u in find_units(doc, [])[0]}
    assert roles["Sở Tư pháp"] == ["lead", "coordinate", "implement"]
    assert "coordinate" in roles["Công an tỉnh"] and "coordinate" in roles["Sở Tài chính"]


def _units_of(body: str) -> dict[str, list[str]]:
    """Unit name -> roles in a plan whose text after its title ("KẾ HOẠCH") is ``body``."""
    from analyzer import normalize, parse
    from analyzer.extract.units import find_units
    from analyzer.models import Page, Source
    text = "KẾ HOẠCH\n" + body
    doc = parse(normalize(Source(path="t.txt", sha256="0", format="txt", pages=[Page(1, text)])))
    return {u.name: u.roles for u in find_units(doc, [])[0]}


def test_units_heading_owner_ends_with_its_section():
    # 980/KH-UBND: "4. Sở Tài chính và UBND các xã bố trí ngân sách" owns its own items, not
    # those of section 5, which names no unit.
    roles = _units_of("III. TỔ CHỨC THỰC HIỆN\n4. Sở Tài chính và Sở Nội vụ\n- Bố trí kinh phí.\n"
                      "5. Chế độ báo cáo\n- Định kỳ báo cáo kết quả về Ủy ban nhân dân tỉnh.\n")
    assert roles["Sở Tài chính"] == ["implement"] and roles["Sở Nội vụ"] == ["implement"]


def test_units_agent_of_a_passive_does_the_task():
    roles = _units_of("5. Nguồn lực\n5.2. Phương tiện: Xe ô tô 7 chỗ do Văn phòng Sở Công Thương bố trí.\n"
                      "5.3. Hội trường do Sở Tài chính chủ trì, bố trí.\n")
    assert roles["Văn phòng Sở Công Thương"] == ["implement"]
    assert roles["Sở Tài chính"] == ["lead"]


def test_units_as_article_points_at_the_article_not_the_recipients():
    # 1627/QĐ-UBND: "Như Điều 2" gives the units of Điều 2, whose section runs on through the
    # signature and Nơi nhận in the text; "VP: Tỉnh ủy, HĐND tỉnh" is the Offices, not the bodies.
    from tests.conftest import corpus_path
    plan = analyze(corpus_path("text", "1627_QĐ-UBND_QuangNgai_2025.txt"))
    roles = {u.name: u.roles for u in plan.units}
    assert "receive" in roles["Giám đốc Sở Tài chính"]
    assert "receive" in roles["Văn phòng Tỉnh ủy"]
    assert "Tỉnh ủy" not in roles and "Hội đồng nhân dân tỉnh" not in roles


def test_units_section_pointer_gives_the_headed_addressees():
    # 552/KH-UBND: Nơi nhận "Mục V" gives the units that head the items of section V, not the
    # bodies their tasks mention ("phối hợp với các sở, ngành liên quan").
    from tests.conftest import corpus_path
    plan = analyze(corpus_path("text", "552_KH-UBND_DongThap_2025.txt"))
    roles = {u.name: u.roles for u in plan.units}
    assert "receive" in roles["Liên hiệp các Hội Khoa học và Kỹ thuật"]
    assert "receive" in roles["Các sở, ban, ngành Tỉnh"]
    assert "receive" not in roles.get("các sở, ngành liên quan", [])


def test_units_special_zone_keeps_its_name():
    assert find_mentions("Chủ tịch UBND các xã, phường, đặc khu Lý Sơn và Sở Tài chính")[0][1] == \
        "Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu Lý Sơn"


@pytest.mark.parametrize("text, names", [
    # Only bodies with a standing committee of their own take a listed "Thường trực".
    ("phối hợp với Thường trực Hội đồng nhân dân, Ủy ban bầu cử xã thực hiện",
     ["Thường trực Hội đồng nhân dân xã", "Ủy ban bầu cử xã"]),
    ("Thường trực Đảng ủy, Hội đồng nhân dân xã", ["Thường trực Đảng ủy xã", "Thường trực Hội đồng nhân dân xã"]),
    # A capitalised role verb is not part of the name.
    ("- Sở Tài chính Chủ trì, phối hợp với Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
    # Levels listed after a board.
    ("Ban Chỉ huy PTDS cấp tỉnh, cấp xã chủ trì", ["Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"]),
    ("- Ban CTMT TDP (Thực hiện)", ["Ban Công tác Mặt trận tổ dân phố"]),
    # The Front at a level acts through its committee: "MTTQ xã" is the Ủy ban MTTQ xã.
    # (and "các cấp ủy Đảng" before it is a collective of Party committees, guideline 1.4).
    ("các cấp ủy Đảng, Mặt trận Tổ quốc Việt Nam tỉnh và", ["các cấp ủy Đảng", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]),
    ("g. Các ông bà Phó Chủ tịch MTTQ xã có trách nhiệm", ["Phó Chủ tịch Ủy ban Mặt trận Tổ quốc xã"]),
])
def test_units_list_names(text, names):
    assert [name for _, name in find_mentions(text)] == names


def test_units_requester_hands_the_task_on():
    # "UBND tỉnh yêu cầu các Sở ... triển khai": the Sở implement, the committee only asks;
    # "Các Phó Chủ tịch chỉ đạo thực hiện" is the vice-chairs' own task.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\nỦy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành và "
                      "Ủy ban nhân dân các xã triển khai thực hiện Kế hoạch này.\n"
                      "- Các Phó Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo thực hiện.\n")
    assert roles["Ủy ban nhân dân tỉnh"] == []
    assert "implement" in roles["Ủy ban nhân dân các xã"]
    assert "implement" in roles["Phó Chủ tịch Ủy ban nhân dân tỉnh"]


def test_units_assignment_ends_with_its_clause():
    # 552/KH-UBND: "đề nghị X phản ánh về Y ...; ... trình Z xem xét": only X is asked.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\nTrong quá trình thực hiện nếu có khó khăn, đề nghị các "
                      "cơ quan, đơn vị phản ánh về Sở Khoa học và Công nghệ; trường hợp vượt thẩm quyền, Sở Khoa học "
                      "và Công nghệ tổng hợp báo cáo và đề xuất, trình Ủy ban nhân dân tỉnh xem xét.\n")
    assert "implement" not in roles.get("Ủy ban nhân dân tỉnh", [])


@pytest.mark.parametrize("example", COLLECTIVE_EXAMPLES, ids=lambda e: e["text"])
def test_units_collective_examples(example):
    # Guideline 1.4: one unit per written form; the scorer ignores a leading "các" and case.
    from analyzer.evaluate_items import unit_name_key
    found = find_mentions(example["text"])
    assert found and unit_name_key(found[0][1]) == unit_name_key(example["name"]), (example, found)


def test_units_told_through_another_body_do_the_task():
    # Guideline 1.4: "hướng dẫn / đôn đốc / phân công X <task>" gives X the task.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n- Hướng dẫn các cơ quan, đơn vị thực hiện "
                      "kiểm kê tài sản.\n- Đôn đốc Ủy ban nhân dân các xã triển khai Kế hoạch.\n")
    assert "implement" in roles["các cơ quan, đơn vị"]
    assert "implement" in roles["Ủy ban nhân dân các xã"]
    assert "monitor" in roles["Sở Tài chính"]


def test_units_asked_to_cooperate_coordinate():
    roles = _units_of("Trên đây là Kế hoạch của Sở Công Thương, đề nghị các tổ chức, cá nhân liên quan "
                      "phối hợp, triển khai thực hiện./.\n")
    assert roles["các tổ chức, cá nhân liên quan"] == ["coordinate", "implement"]


def test_units_request_to_report_problems():
    # 159/KH-UBND: "đề nghị các cơ quan, đơn vị kịp thời phản ánh về Sở ... tổng hợp, báo cáo
    # UBND thành phố": the bodies asked report; the Sở and the committee are not asked.
    roles = _units_of("Trên đây là Kế hoạch truyền thông năm 2025. Trong quá trình thực hiện, nếu có khó "
                      "khăn, đề nghị các cơ quan, đơn vị kịp thời phản ánh về Sở Nông nghiệp và Môi trường tổng hợp, "
                      "báo cáo Ủy ban nhân dân thành phố xem xét, quyết định./.\n")
    assert roles["các cơ quan, đơn vị"] == ["report"]
    assert "implement" not in roles.get("Ủy ban nhân dân thành phố", [])


def test_units_assigned_take_the_roles_of_their_task():
    # Lào Cai mining plan: "chỉ đạo các phòng chuyên môn, lực lượng Công an xã, phường chủ động
    # tham mưu ... và phối hợp ... kiểm tra": advise and coordinate, not a bare implement;
    # "lực lượng" before a named body is not a kind of its own.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n- Tăng cường chỉ đạo các phòng chuyên môn, lực lượng Công an "
                      "xã, phường chủ động tham mưu cho cấp ủy các giải pháp phòng ngừa vi phạm và phối hợp với chính "
                      "quyền địa phương kiểm tra, giám sát, theo dõi để kịp thời phát hiện, xử lý vi phạm.\n")
    assert {"advise", "coordinate"} <= set(roles["các phòng chuyên môn"])
    assert "implement" not in roles["các phòng chuyên môn"]
    assert "Công an xã, phường" in roles


def test_units_recipient_line_wrapped_in_the_text():
    # 16/KH-MTTQ: the header's line "Uỷ ban Kiểm tra Đảng uỷ, Ban xây dựng Đảng, VP Đảng uỷ" is
    # wrapped after "Đảng," in the text and spelled "Uỷ": its three bodies still receive.
    from tests.conftest import corpus_path
    plan = analyze(corpus_path("text", "16_KH-MTTQ-BTT_XaLuongMinh_2025.txt"))
    roles = {u.name: u.roles for u in plan.units}
    for name in ("Ủy ban Kiểm tra Đảng ủy", "Ban Xây dựng Đảng", "Văn phòng Đảng ủy"):
        assert "receive" in roles[name], name


def test_units_partners_run_past_a_verb_inside_a_name():
    # 153/KH-UBND Cần Thơ: "tổ chức" in "các tổ chức chính trị - xã hội" is no verb, so the
    # partners go on to "các cơ quan báo chí"; "kết hợp với" names partners as "phối hợp với".
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Văn hóa, Thể thao và Du lịch\nc) Phối hợp với các sở, "
                      "ban, ngành và các tổ chức chính trị - xã hội, các cơ quan báo chí triển khai các hoạt động "
                      "phòng ngừa xã hội.\nd) Tổ chức hội nghị, kết hợp với Đài Phát thanh tỉnh tuyên truyền.\n")
    assert "coordinate" in roles["các cơ quan báo chí"]
    assert "coordinate" in roles["Đài Phát thanh tỉnh"]


def test_units_assigned_list_reads_through_luc_luong():
    # Lào Cai draft: "chỉ đạo các phòng chuyên môn, lực lượng Công an xã, phường chủ động tham mưu".
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n10. Công an tỉnh\n- Tăng cường chỉ đạo các phòng chuyên "
                      "môn, lực lượng Công an xã, phường chủ động tham mưu cho cấp ủy các giải pháp phòng ngừa.\n")
    assert "advise" in roles["Công an xã, phường"]


def test_units_subject_after_a_time_adverbial():
    # Đề án 08 of Sở Công Thương: "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, Sở Công Thương tổ chức sơ kết".
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\nĐịnh kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, Sở Công Thương tổ "
                      "chức sơ kết, đánh giá kết quả thực hiện và báo cáo Ủy ban nhân dân tỉnh.\n")
    assert "implement" in roles["Sở Công Thương"]
    assert "report" in roles["Sở Công Thương"]


def test_units_label_list_goes_on_past_semicolons():
    # 7360/KH-UBND Lai Châu: "Cơ quan thực hiện: Sở A; Sở B; Báo C và các sở, ngành có liên quan."
    roles = _units_of("II. NHIỆM VỤ\n1. Tuyên truyền pháp luật\n- Cơ quan thực hiện: Sở Khoa học và Công "
                      "nghệ; Sở Tư pháp; Báo và Phát thanh Truyền hình Lai Châu và các sở, ngành có liên quan.\n"
                      "- Thời gian: Năm 2025; tổng kết, báo cáo.\n")
    assert "implement" in roles["Sở Tư pháp"]
    assert "implement" in roles["Báo và Phát thanh, Truyền hình Lai Châu"]


def test_units_joint_task_with_partners_is_coordination():
    # 159/KH-UBND Cần Thơ: "2. Sở Tài chính / Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn
    # vị liên quan triển khai thực hiện Kế hoạch": the Sở coordinates; "để triển khai" is a purpose.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n2. Sở Tài chính\nCăn cứ chức năng, nhiệm vụ, phối hợp với các "
                      "cơ quan, đơn vị liên quan triển khai thực hiện Kế hoạch theo quy định.\n3. Sở Nội vụ\nTham mưu "
                      "cho Ủy ban nhân dân tỉnh các giải pháp thu hút nguồn vốn để triển khai thực hiện kế hoạch.\n")
    assert roles["Sở Tài chính"] == ["coordinate"]
    assert roles["Sở Nội vụ"] == ["advise"]


def test_units_short_form_takes_the_name_written_elsewhere():
    # 1105/KH-ĐKT: "Văn phòng Sở" and "Giám đốc Sở" in Nơi nhận are the Sở the plan names in
    # full; Lương Minh: "Ban công tác MT thôn" is "Ban công tác Mặt trận các thôn".
    from analyzer.extract.mentions import same_bodies
    names = ["Văn phòng Sở", "Văn phòng Sở Công Thương tỉnh Lào Cai", "Giám đốc Sở", "Ban Công tác Mặt trận thôn",
             "Thường trực Đảng ủy", "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã", "Ban Quản lý khu Kinh tế",
             "các sở, ngành", "Ban Chỉ đạo"]
    context = ["Giám đốc Sở Công Thương tỉnh Lào Cai", "Giám đốc Sở Công Thương", "Ban Công tác Mặt trận các thôn",
               "Đảng ủy xã", "Thường trực Đảng ủy xã", "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã Lương Minh",
               "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp", "các sở, ngành liên quan", "Ban Chỉ đạo tỉnh",
               "Ban Chỉ đạo Tổng kiểm kê"]
    assert same_bodies(names, context, "") == {
        "Văn phòng Sở": "Văn phòng Sở Công Thương tỉnh Lào Cai",
        "Giám đốc Sở": "Giám đốc Sở Công Thương",
        "Ban Công tác Mặt trận thôn": "Ban Công tác Mặt trận các thôn",
        "Thường trực Đảng ủy": "Thường trực Đảng ủy xã",
    }
    # Cần Thơ: "TT. TU" in a city that writes "Thành ủy" and never "Tỉnh ủy".
    assert same_bodies(["Thường trực Tỉnh ủy"], [], "Ban Tuyên giáo và Dân vận Thành ủy; TT. TU") == {
        "Thường trực Tỉnh ủy": "Thường trực Thành ủy"}
    assert same_bodies(["Thường trực Tỉnh ủy"], [], "Ban Tuyên giáo Tỉnh ủy; TT. TU") == {}
    # Bắc Cam Ranh: "Đoàn kiểm tra" after "Đoàn kiểm tra, giám sát bao gồm"; a generic list is never completed.
    assert same_bodies(["Đoàn kiểm tra", "Thủ trưởng các cơ quan"], ["Đoàn kiểm tra, giám sát", "Thủ trưởng các cơ quan, đơn vị"],
                       "") == {"Đoàn kiểm tra": "Đoàn kiểm tra, giám sát"}
    # 0134 Đắk Lắk: "3. UBND các xã/phường:" and "- UBND các xã, phường;" (Nơi nhận).
    assert same_bodies(["Ủy ban nhân dân các xã/phường", "Ủy ban nhân dân các tỉnh/thành phố"],
                       ["Ủy ban nhân dân các xã, phường"], "") == {
        "Ủy ban nhân dân các xã/phường": "Ủy ban nhân dân các xã, phường"}


def test_units_a_name_does_not_run_into_the_next_cell():
    # 552/KH-UBND Đồng Tháp, one cell per line: "Liên hiệp các Hội Khoa học và Kỹ thuật" then
    # "Nghiên cứu, tư vấn ..."; "Các sở, ban, ngành Tỉnh" then "Căn cứ ...".
    found = find_mentions("Liên hiệp các Hội Khoa học và Kỹ thuật\nNghiên cứu, tư vấn, phản biện chính sách.")
    assert [n for _, n in found] == ["Liên hiệp các Hội Khoa học và Kỹ thuật"]
    found = find_mentions("- Các sở, ban, ngành Tỉnh\nCăn cứ Kế hoạch này")
    assert [n for _, n in found] == ["Các sở, ban, ngành Tỉnh"]
    # A name wrapped in prose goes on: "do Văn phòng Sở\nCông Thương tỉnh Lào Cai bố trí".
    found = find_mentions("do Văn phòng Sở\nCông Thương tỉnh Lào Cai bố trí")
    assert [n for _, n in found] == ["Văn phòng Sở Công Thương tỉnh Lào Cai"]


def test_units_field_list_that_runs_into_the_sentence_is_not_a_name():
    # 01/KH Phố Bảng: "Tiểu ban thông tin, tuyên truyền, khánh tiết bầu cử đại biểu ..." names the
    # sub-committee by its purpose in running text: the field list is not closed.
    found = find_mentions("Thành viên Tiểu ban thông tin, tuyên truyền, khánh tiết bầu cử đại biểu Quốc hội")
    assert "Thành viên Tiểu ban thông tin, tuyên truyền, khánh tiết" not in [n for _, n in found]


@pytest.mark.parametrize("text,name", [
    ("1. Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban: Phụ trách chung", "Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban"),
    ("4. Đồng chí Phó Trưởng ban xây dựng Đảng - Ủy viên: Trực tiếp chỉ đạo", "Phó Trưởng ban xây dựng Đảng - Ủy viên"),
    ("3. Đồng chí Phó Giám đốc Trung tâm phục vụ hành chính công - Phó Trưởng tiểu ban: Chủ động",
     "Phó Giám đốc Trung tâm phục vụ hành chính công - Phó Trưởng tiểu ban"),
])
def test_units_concurrent_post_in_an_assignment_list(text, name):
    # 01/KH Phố Bảng: a member named by the office and the post in the sub-committee.
    assert [n for _, n in find_mentions(text)] == [name]


def test_units_concurrent_post_needs_the_assignment_colon():
    assert [n for _, n in find_mentions("Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban phân công")] == ["Trưởng Ban xây dựng Đảng", "Trưởng Tiểu ban"]


@pytest.mark.parametrize("text,names", [
    ("2.2. Tổ đảng ở Thường trực Hội đồng Dân tộc, các Ủy ban của Quốc hội, Lãnh đạo các cơ quan",
     ["Tổ đảng ở Thường trực Hội đồng Dân tộc", "Tổ đảng ở Thường trực các Ủy ban của Quốc hội"]),
    ("* Tổ đảng ở TT HĐDT, TT các UB của QH,",
     ["Tổ đảng ở Thường trực Hội đồng Dân tộc", "Tổ đảng ở Thường trực các Ủy ban của Quốc hội"]),
])
def test_units_party_cells_of_listed_committees(text, names):
    # 3260/KH-ĐĐQH15: the Party cell of each committee's standing body, the plural kept.
    assert [n for _, n in find_mentions(text)][:len(names)] == names


def test_units_office_is_not_shared_with_a_named_body():
    # 2623/QĐ-TTg: "Văn phòng Chính phủ, Bộ Tư pháp" are two partners, not "Văn phòng Bộ Tư pháp".
    found = find_mentions("+ Cơ quan phối hợp: Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan.")
    assert [n for _, n in found][:2] == ["Văn phòng Chính phủ", "Bộ Tư pháp"]
    found = find_mentions("Văn phòng Tỉnh ủy, HĐND, UBND tỉnh")
    assert [n for _, n in found] == ["Văn phòng Tỉnh ủy", "Văn phòng Hội đồng nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"]


def test_units_file_copy_line_sends_to_no_one():
    # 3260/KH-ĐĐQH15: "Lưu VPĐĐQH, Vụ KHCNMT." names the issuer's own files, not recipients.
    from analyzer.extract.recipients import _FILE_COPY_RE
    assert _FILE_COPY_RE.match("* Lưu VPĐĐQH, Vụ KHCNMT.")
    assert _FILE_COPY_RE.match("- Lưu: VT, Ban xây dựng Đảng.")
    assert not _FILE_COPY_RE.match("- Ban xây dựng Đảng;")


def test_units_monitoring_of_what_is_watched_right_after_the_cue():
    # "kiểm tra, giám sát chặt chẽ hoạt động khai thác", "kiểm tra, kiểm soát thị trường",
    # "kiểm tra, giám sát, theo dõi để kịp thời phát hiện": the unit watches others (monitor);
    # "nhiều người theo dõi" are viewers and "kiểm tra các nội dung" is the task itself.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Chi cục Quản lý thị trường: Tăng cường kiểm tra, kiểm soát "
                      "thị trường.\n2. Công an tỉnh\n- Tăng cường chỉ đạo các phòng chuyên môn phối hợp với chính quyền "
                      "địa phương kiểm tra, giám sát, theo dõi để kịp thời phát hiện vi phạm.\n3. Báo Lào Cai\n- Tăng "
                      "thời lượng phát sóng vào khung giờ có nhiều người theo dõi các nội dung tuyên truyền.\n")
    assert "monitor" in roles["Chi cục Quản lý thị trường"]
    assert "monitor" in roles["các phòng chuyên môn"]
    assert "monitor" not in roles["Báo Lào Cai"]


def test_units_later_sentence_with_its_own_subject():
    # 0125/KH-UBND Đắk Lắk: "... phân công nhiệm vụ cho các cơ quan, đơn vị. Các cơ quan chuyên môn
    # từ tỉnh đến địa phương thi đua làm tốt công tác tham mưu, ... kiểm tra giám sát việc triển
    # khai ... Kịp thời báo cáo ...": the second sentence's unit advises, monitors and reports.
    roles = _units_of("II. NỘI DUNG\na) Thi đua thực hiện thành công cuộc bầu cử; kịp thời chỉ đạo, tổ "
                      "chức triển khai. Các cơ quan chuyên môn từ tỉnh đến địa phương thi đua làm tốt công tác tham "
                      "mưu, hướng dẫn, đôn đốc, kiểm tra giám sát việc triển khai thực hiện nhiệm vụ. Kịp thời báo "
                      "cáo cơ quan có thẩm quyền xem xét.\n")
    assert {"advise", "monitor", "report"} <= set(roles["Các cơ quan chuyên môn từ tỉnh đến địa phương"])


def test_units_capitalised_annex_title_names_the_team():
    # Sở Công Thương Lào Cai: "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA ..." over the team's
    # task table: the team implements; a capitalised section title that names no team gives none.
    roles = _units_of("III. TỔ CHỨC THỰC HIỆN\n1. Giao phòng Quản lý Công nghiệp triển khai.\n"
                      "PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC KIỂM TRA, CẤP GIẤY CHỨNG NHẬN HUẤN LUYỆN\n"
                      "NHIỆM VỤ CỦA NĂM 2026\n")
    assert roles["Tổ công tác"] == ["implement"]
    assert len(roles) == 2


def test_units_partners_end_at_the_joint_task_verb():
    # 1627/QĐ-UBND Quảng Ngãi: "phối hợp với Sở Tài chính hướng dẫn các cơ quan, tổ chức, đơn vị ...
    # triển khai kiểm kê": the bodies guided do the task, they are no partners; an unknown name in
    # the list ("Ban bầu cử") does not end it.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Phối hợp với Sở Tài chính hướng dẫn các cơ "
                      "quan, tổ chức, đơn vị triển khai kiểm kê tài sản.\n- Phối hợp với Ủy ban bầu cử, Ban bầu cử, "
                      "các cơ quan có liên quan trong việc tiếp công dân.\n")
    assert "coordinate" in roles["Sở Tài chính"]
    assert roles["các cơ quan, tổ chức, đơn vị"] == ["implement"]
    assert "coordinate" in roles["các cơ quan có liên quan"]


def test_units_work_of_the_body_reported_to_is_not_the_reporters():
    # CV-7432 Lào Cai: "... kịp thời báo cáo Sở Xây dựng để tổng hợp, tham mưu Ủy ban nhân dân tỉnh":
    # the Sở advises, not the heads who report.
    roles = _units_of("3. Tổ chức thực hiện\nThủ trưởng các sở, ban, ngành tỉnh chịu trách nhiệm tổ chức "
                      "triển khai thực hiện; nếu phát sinh khó khăn, kịp thời báo cáo Sở Xây dựng để tổng hợp, tham "
                      "mưu Ủy ban nhân dân tỉnh xem xét.\n")
    assert roles["Thủ trưởng các sở, ban, ngành tỉnh"] == ["implement", "report"]


def test_units_body_reported_to_is_not_on_the_label_list():
    # 7360/KH-UBND Lai Châu: "- Cơ quan thực hiện: Sở A rà soát ...; các sở, ngành ... gửi kết quả về
    # Sở A để tổng hợp báo cáo Chủ tịch UBND tỉnh.": the chairman is reported to, not an implementer.
    roles = _units_of("II. NHIỆM VỤ\n1. Rà soát văn bản\n- Cơ quan thực hiện: Sở Khoa học và Công nghệ "
                      "tiến hành rà soát văn bản của mình; các sở, ngành liên quan rà soát văn bản, gửi kết quả về Sở "
                      "Khoa học và Công nghệ để tổng hợp báo cáo Chủ tịch UBND tỉnh.\n")
    assert "implement" in roles["Sở Khoa học và Công nghệ"]
    assert roles["Chủ tịch Ủy ban nhân dân tỉnh"] == []


def test_units_assigned_to_lead_describes_not_leads():
    # 7360/KH-UBND: "các sở, ngành ... được phân công chủ trì thực hiện nhiệm vụ ... có trách nhiệm xây
    # dựng kế hoạch chi tiết": the clause says who they are; their task is to build the plan.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n2. Các sở, ngành và Ủy ban nhân dân các xã được phân công chủ "
                      "trì thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm xây dựng kế hoạch chi tiết.\n3. Sở Tư pháp chủ trì thẩm định.\n")
    assert roles["Các sở, ngành"] == ["implement"]
    assert roles["Ủy ban nhân dân các xã"] == ["implement"]
    assert "lead" in roles["Sở Tư pháp"]


def test_units_request_goes_on_in_a_later_sentence_without_a_subject():
    # Lào Cai mining plan: "UBND tỉnh yêu cầu các Sở, ban, ngành ... triển khai thực hiện Kế hoạch này.
    # Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời phản ánh về Sở NN&MT ...": the
    # bodies asked report; a later sentence with its own unit does not speak to them.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\nỦy ban nhân dân tỉnh yêu cầu các Sở, ban, ngành nghiêm túc "
                      "triển khai thực hiện Kế hoạch này. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp "
                      "thời phản ánh về Sở Nông nghiệp và Môi trường để tổng hợp, hướng dẫn.\n"
                      "Ủy ban nhân dân tỉnh đề nghị Ủy ban Mặt trận Tổ quốc tỉnh tuyên truyền. Trong quá trình thực "
                      "hiện, Sở Tư pháp tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n")
    assert roles["các Sở, ban, ngành"] == ["implement", "report"]
    assert roles["Ủy ban Mặt trận Tổ quốc tỉnh"] == ["implement"]


def test_units_numbered_item_is_one_sentence_and_a_duty_is_a_task():
    # Lương Minh: "3. Đề nghị Thường trực HĐND, UBND ... thường xuyên phối hợp": the number is no
    # sentence of its own (which gave the heading's units a bare implement); 2623/QĐ-TTg: "4. Các
    # cơ quan ... có trách nhiệm lập kế hoạch, dự toán ... và báo cáo": a duty is a task.
    roles = _units_of("III. TỔ CHỨC THỰC HIỆN\n3. Đề nghị Thường trực HĐND, UBND xã thường xuyên phối "
                      "hợp, trao đổi thông tin.\n4. Sở Tài chính có trách nhiệm lập dự toán và báo cáo Ủy ban nhân "
                      "dân tỉnh.\n5. Sở Nội vụ có trách nhiệm tham mưu Ủy ban nhân dân tỉnh.\n")
    assert roles["Thường trực Hội đồng nhân dân xã"] == ["coordinate"]
    assert roles["Sở Tài chính"] == ["implement", "report"]
    assert roles["Sở Nội vụ"] == ["advise"]


def test_units_regulated_parties_told_to_comply_are_no_units():
    # Lào Cai mining plan: "Hướng dẫn các tổ chức, cá nhân có thuyền khai thác ... thực hiện việc đăng
    # ký" and "đôn đốc các tổ chức, đơn vị khai thác khoáng sản còn nợ ... nộp": regulated parties
    # (guideline 1.4); "đề nghị các tổ chức, cá nhân liên quan phối hợp" asks units.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Xây dựng\n- Hướng dẫn các tổ chức, cá nhân có thuyền "
                      "khai thác thực hiện việc đăng ký theo quy định.\n2. Thuế tỉnh\n- Đôn đốc các tổ chức, đơn vị "
                      "khai thác khoáng sản thực hiện nộp đầy đủ thuế.\nĐề nghị các tổ chức, cá nhân liên quan phối "
                      "hợp thực hiện.\n")
    assert roles["các tổ chức, cá nhân"] == []
    assert roles["các tổ chức, đơn vị"] == []
    assert "coordinate" in roles["các tổ chức, cá nhân liên quan"]


def test_units_quota_for_a_body_is_no_task():
    # 0125/KH-UBND Đắk Lắk, awards: "- Ủy ban bầu cử của tỉnh: Không quá 05 cá nhân;" allots a quota.
    roles = _units_of("IV. KHEN THƯỞNG\n- Ban Chỉ đạo tỉnh: Không quá 05 cá nhân;\n- Đoàn kiểm tra của tỉnh: "
                      "Mỗi đoàn xét chọn 01 cá nhân;\n- Sở Tài chính: bố trí kinh phí khen thưởng.\n")
    assert not any(roles.get(name) for name in ("Ban Chỉ đạo tỉnh", "Đoàn kiểm tra"))
    assert roles["Sở Tài chính"] == ["implement"]


def test_units_partner_named_right_after_phoi_hop_without_voi():
    # 153/KH-UBND Cần Thơ: "Phối hợp chặt chẽ lực lượng Công an và các lực lượng liên quan thực hiện":
    # the partners follow "phối hợp" at once.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Chi cục Hải quan khu vực XIX\n- Phối hợp chặt chẽ các sở, "
                      "ngành liên quan thực hiện các nội dung Chương trình.\n")
    assert roles["các sở, ngành liên quan"] == ["coordinate"]
    assert "coordinate" in roles["Chi cục Hải quan khu vực XIX"]


def test_units_urging_is_always_of_others():
    # Đề án 08: "- Đôn đốc hoàn thành đưa vào vận hành các dự án thủy điện": urging is monitoring
    # whatever follows; "tăng cường kiểm tra, phát hiện vi phạm" stays the unit's own task.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Quản lý năng lượng\n- Đôn đốc hoàn thành đưa vào vận "
                      "hành các dự án thủy điện theo kế hoạch.\n2. Phòng Kinh tế\n- Tăng cường kiểm tra, phát hiện vi "
                      "phạm.\n")
    assert "monitor" in roles["Phòng Quản lý năng lượng"]
    assert "monitor" not in roles["Phòng Kinh tế"]


def test_units_subject_after_a_grounds_or_process_adverbial():
    # 7360/KH-UBND Lai Châu: "1. Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ
    # chức tuyên truyền"; "3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn
    # vị, địa phương kịp thời phản ánh về Ủy ban nhân dân tỉnh" (guideline 1.4: report).
    roles = _units_of("II. NHIỆM VỤ\n1. Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ "
                      "chức tuyên truyền, phổ biến Luật.\n2. Sở Tư pháp chủ trì thẩm định.\n3. Trong quá trình thực "
                      "hiện, nếu có khó khăn, vướng mắc các cơ quan, đơn vị, địa phương kịp thời phản ánh về Ủy ban "
                      "nhân dân tỉnh để xem xét.\n")
    assert roles["các cơ quan, đơn vị"] == ["implement"]
    assert roles["các cơ quan, đơn vị, địa phương"] == ["report"]
    assert roles["Ủy ban nhân dân tỉnh"] == []


def test_units_sending_results_is_reporting():
    # 2623/QĐ-TTg: "Các bộ, cơ quan ngang bộ ... gửi kết quả về Bộ Công an trước ngày ...": the
    # guideline's "gửi báo cáo về" (report); the body sent to gets none.
    roles = _units_of("III. TỔ CHỨC THỰC HIỆN\n1. Các bộ, cơ quan ngang bộ rà soát văn bản, gửi kết quả về Bộ "
                      "Công an trước ngày 31/12/2025.\n")
    assert "report" in roles["Các bộ, cơ quan ngang bộ"]
    assert roles["Bộ Công an"] == []


def test_units_task_watched_is_not_done():
    # 160/KH-UBND Cần Thơ: "Chỉ đạo các đơn vị liên quan giám sát việc thực hiện Chương trình": the
    # units watch the programme (guideline 1.4: "chỉ đạo X giám sát" gives monitor), not carry it out.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp\n- Chỉ đạo các đơn vị liên quan giám sát việc "
                      "thực hiện Chương trình theo quy định.\n2. Sở Y tế\n- Kiểm tra, giám sát và thực hiện các "
                      "chính sách.\n")
    assert roles["các đơn vị liên quan"] == ["monitor"]
    assert set(roles["Sở Y tế"]) == {"implement", "monitor"}


def test_units_request_goes_on_to_monitoring_in_a_later_sentence():
    # 153/KH-UBND Cần Thơ: "Đề nghị ... Thủ trưởng sở, ban, ngành thành phố ... tổ chức quán triệt ...
    # Tăng cường công tác kiểm tra, giám sát, đôn đốc thực hiện Chương trình ...": monitor too.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\nĐề nghị Thủ trưởng sở, ban, ngành thành phố tổ chức quán triệt "
                      "Chương trình. Tăng cường công tác kiểm tra, giám sát, đôn đốc thực hiện Chương trình tại đơn vị.\n"
                      "Đề nghị Sở Y tế tổ chức tuyên truyền. Sở Tư pháp kiểm tra, đôn đốc việc thực hiện.\n")
    assert roles["Thủ trưởng sở, ban, ngành thành phố"] == ["implement", "monitor"]
    assert roles["Sở Y tế"] == ["implement"]


def test_units_nominal_cooperation_names_no_partners():
    # 2623/QĐ-TTg: "- Nội dung công việc phải gắn với ... vai trò chủ trì của Bộ Công an trong việc phối hợp
    # với các bộ ... và các cơ quan, tổ chức có liên quan": a statement (guideline 1.4), no partners.
    roles = _units_of("I. MỤC ĐÍCH, YÊU CẦU\n- Nội dung công việc phải gắn với trách nhiệm của Bộ Công an "
                      "trong việc phối hợp với các cơ quan, tổ chức có liên quan.\nIII. TỔ CHỨC THỰC HIỆN\n- Bộ Tư "
                      "pháp phối hợp với Bộ Nội vụ thẩm định.\n")
    assert roles.get("các cơ quan, tổ chức có liên quan", []) == []
    assert roles["Bộ Nội vụ"] == ["coordinate"]


def test_units_person_after_an_office_is_no_unit():
    # Đề án 08: "Phó giám đốc Hoàng Văn Thuân" is a person (people are not units).
    assert find_mentions("Phó giám đốc Hoàng Văn Thuân") == []
    assert [n for _, n in find_mentions("Phó Giám đốc Sở Tư pháp")] == ["Phó Giám đốc Sở Tư pháp"]


def test_units_bao_cao_vien_is_a_lecturer_not_a_report():
    # 0125/KH-UBND: "chỉ đạo, định hướng hệ thống tuyên giáo, báo cáo viên, tuyên truyền viên ...".
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy: Định hướng hệ "
                      "thống tuyên giáo, báo cáo viên, tuyên truyền viên đẩy mạnh thông tin.\n")
    assert "report" not in roles["Ban Tuyên giáo và Dân vận Tỉnh ủy"]


def test_units_closing_paragraph_is_not_the_last_headings_item():
    # 1105/KH-ĐKT: "6.2 Đối với đơn vị được kiểm tra: ... Trên đây là Kế hoạch kiểm tra của Đoàn, đề nghị
    # các thành viên và đơn vị có liên quan phối hợp thực hiện": the close speaks for the plan.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\nChuẩn bị hồ sơ, tài liệu theo yêu cầu.\n"
                      "Trên đây là Kế hoạch kiểm tra, đề nghị các đơn vị có liên quan phối hợp thực hiện.\n")
    assert roles["Sở Y tế"] == ["implement"]


@pytest.mark.parametrize("item", [
    # Chỉ thị 11 (Lào Cai): "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản đầu tư, lắp đặt ...".
    "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản đầu tư, lắp đặt hệ thống thông tin.",
    "- Sở Công Thương tăng cường kiểm tra; đồng thời yêu cầu các tổ chức, cá nhân hoạt động khoáng sản chấp hành "
    "đầy đủ các quy định của pháp luật.",
])
def test_units_regulated_party_named_with_its_activity_gets_no_role(item):
    # Guideline 1.4: regulated parties made to comply with the law are no units, also when the
    # activity is part of the name the gazetteer reads.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n" + item + "\n- Đề nghị các đơn vị liên quan triển khai thực hiện.\n")
    assert not any(roles.get(n) for n in roles if "khoáng sản" in n)
    assert roles["các đơn vị liên quan"] == ["implement"]


@pytest.mark.parametrize("item", [
    # QĐ 1074/QĐ-BXD: "các cơ sở, công trình không bảo đảm yêu cầu về phòng cháy ... của Bộ Xây dựng".
    "- Rà soát các cơ sở, công trình không bảo đảm yêu cầu về phòng cháy thuộc thẩm quyền quản lý của Bộ Xây dựng.",
    # CV 7432/UBND-XD: "... hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028 theo yêu cầu của Bộ Xây dựng."
    "- Hoàn thành rà soát chậm nhất đến ngày 01 tháng 7 năm 2028 theo yêu cầu của Bộ Xây dựng.",
])
def test_units_yeu_cau_as_a_noun_assigns_nobody(item):
    # "yêu cầu về ..." (requirements) and "theo yêu cầu của X" (at X's request) hand no task to X.
    roles = _units_of("IV. TỔ CHỨC THỰC HIỆN\n" + item + "\n- Yêu cầu Sở Xây dựng triển khai thực hiện.\n")
    assert roles.get("Bộ Xây dựng", []) == []
    assert roles["Sở Xây dựng"] == ["implement"]


def test_units_sibling_heading_without_a_read_unit_is_not_the_parents():
    # 1627/QĐ-UBND: "1. Nhiệm vụ của thành viên Ban Chỉ đạo / 1.1. Trưởng Ban Chỉ đạo / 1.2. Sở Tài chính /
    # 1.3. Các cơ quan quan tham mưu quản lý ngành ...": the third speaks for its own (unread) unit.
    roles = _units_of("IV. NHIỆM VỤ CỤ THỂ\n1. Nhiệm vụ của thành viên Ban Chỉ đạo\n1.1. Trưởng Ban Chỉ đạo\n"
                      "- Phụ trách chung.\n1.2. Sở Tài chính\n- Tuyên truyền, phổ biến quy định.\n"
                      "1.3. Các cơ quan quan tham mưu quản lý ngành, lĩnh vực\n- Kiểm tra, giám sát việc thực hiện kiểm kê.\n")
    assert "monitor" not in roles.get("Thành viên Ban Chỉ đạo", [])
    assert roles["Sở Tài chính"] == ["implement"]


def test_units_a_heading_run_into_its_sentence_is_no_fuller_name():
    # QĐ-1050 (scan): "Nhiệm vụ và quyền hạn của Đoàn kiểm tra Đoàn kiểm tra thực hiện ...": the
    # heading ran into the body; "Đoàn kiểm tra" keeps its name instead of becoming "... Đoàn".
    from analyzer.extract.mentions import same_bodies
    assert "Đoàn kiểm tra" not in same_bodies(["Đoàn kiểm tra"], ["Đoàn kiểm tra Đoàn"], "")
    assert same_bodies(["Văn phòng Sở"], ["Văn phòng Sở Công Thương tỉnh Lào Cai"], "") == {
        "Văn phòng Sở": "Văn phòng Sở Công Thương tỉnh Lào Cai"}


def test_units_do_not_depend_on_the_hash_seed():
    # 980/KH-UBND writes the office "Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh" and once "... tinh"
    # (a typo): which name takes which role followed set order, which changes with PYTHONHASHSEED
    # from one run to the next (mentions.same_bodies now sorts its names by length, then name).
    import os
    import subprocess
    import sys

    from tests.conftest import corpus_path

    path = corpus_path("text", "980_KH-UBND_NgheAn_2025.txt")
    code = ("import sys, analyzer; p = analyzer.analyze(sys.argv[1]); "
            "print(sorted((u.name, tuple(u.roles)) for u in p.units))")
    runs = {subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1 and "Phòng thủ dân sự" in runs.pop()


def test_units_markdown_task_table_keeps_its_header_past_the_rule_row():
    # 03/NQ-CP's annex: "| TT | Tên nhiệm vụ | Cơ quan chủ trì | ... |" then "|---|---|": the
    # rule row belongs to the table, so the rows below still know their lead column.
    roles = _units_of("II. TỔ CHỨC THỰC HIỆN\n"
                      "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
                      "|---|---|---|---|---|\n"
                      "| 5. | Xây dựng, ban hành Đề án đánh giá chuyển đổi số | Bộ Nội vụ | Bộ Tư pháp | 6/2025 |\n")
    assert "lead" in roles["Bộ Nội vụ"] and roles["Bộ Tư pháp"] == ["coordinate"]


def test_units_docx_row_with_an_empty_number_cell_keeps_its_columns():
    # KH-2242's table: rows without a number start with "| ", the empty TT cell; the lead cell
    # is still the third, as in the header.
    roles = _units_of("II. TỔ CHỨC THỰC HIỆN\nTT | Nhiệm vụ thực hiện | Cơ quan chủ trì | Ghi chú\n"
                      "| Rà soát hồ sơ của học viên đủ điều kiện | Sở Nội vụ |\n")
    assert "lead" in roles["Sở Nội vụ"]
