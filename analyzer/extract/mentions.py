"""Unit mentions: the gazetteer (data/units.yaml), the rules that complete a head into a
unit's name ("Sở" + "Tài chính", "Chủ tịch" + "UBND tỉnh", a locality), canonical names and
levels. Roles are read elsewhere (units.py); this module only finds and names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_yaml
from ..models import Level, Span
from ..structure.issuer import expand_abbreviations, expand_with_map
from ..vietnamese import LOWER, UPPER, fold, normalize_tone_placement

# Hà Nội and other cities write "Thành phố" with a capital: locality words match either case.
_LOCALITY_WORDS = r"(?:(?:[Tt]ỉnh|[Tt]hành\s+phố|[Hh]uyện|[Qq]uận|[Tt]hị\s+xã|[Xx]ã(?!\s+hội)|[Pp]hường|[Tt]hị\s+trấn|cấp\s+(?:tỉnh|huyện|xã)(?:,\s*cấp\s+(?:tỉnh|huyện|xã))*|thôn|tổ\s+dân\s+phố)(?!\s+ủy))"


@dataclass(frozen=True)
class Gazetteer:
    head: re.Pattern
    spellings: dict[str, str]  # head in lower case, spaces single -> the gazetteer's spelling
    levels: dict[str, str | None]
    department: re.Pattern
    departments: tuple[str, ...]
    collective: re.Pattern
    not_units: re.Pattern
    label_cues: dict[str, re.Pattern]
    verb_cues: dict[str, re.Pattern]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _head_alt(words: list[str]) -> str:
    """Heads keep the case of their first letter (a capital marks a name: "Ban Chỉ đạo", not
    "ban hành"); later words match in any case ("Phó chủ tịch", "Ban xây dựng Đảng")."""
    def one(w: str) -> str:
        first, rest = w.split(" ", 1) if " " in w else (w, "")
        # Hurried texts drop a head's commas ("Báo và Phát thanh Truyền hình").
        rest_pat = rf"\s+(?i:{re.escape(rest).replace(chr(92) + ' ', chr(92) + 's+').replace(',', ',?')})" if rest else ""
        return re.escape(first) + rest_pat
    return "|".join(one(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    data = load_yaml("units.yaml")
    heads = [h["words"] for h in data["heads"]]
    # Heads match capitalised as written, and in lower case where plans write them so
    # ("phối hợp với công chức Văn hóa").
    variants = set(heads) | {h[0].lower() + h[1:] for h in heads if h.startswith(("Công chức", "Trưởng ", "Thành viên", "Lãnh đạo", "Người đứng đầu", "Thủ trưởng", "Ban Lãnh đạo")) or h in ("Phòng", "Ban Xây dựng Đảng", "Tổ công tác")}
    # "Luật Bầu cử đại biểu Quốc hội": a law's name, not the deputies.
    # (Only the deputies: "Bầu cử Thủ trưởng ..." runs on into an office.)
    head = re.compile(rf"(?<![\w])(?!(?<=[Bb]ầu cử )đại\s+biểu)(?!(?<=[Ứứ]ng cử )đại\s+biểu)(?P<head>{_head_alt(list(variants))})(?![\w])")
    departments = data["departments"]
    dep_alts = []
    for i, d in enumerate(sorted(departments, key=len, reverse=True)):
        # "và" may have lost its "à" in a damaged text layer ("Thương binh v  Xã hội").
        # Hurried texts drop the commas and "và": "Sở Văn hóa Thể thao Du lịch".
        pat = re.escape(d.replace(" - ", "-")).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*")
        pat = pat.replace(r",\s+", r",?\s+").replace(r"\s+và\s+", r"\s+(?:v(?:à)?\s+)?")
        dep_alts.append(f"(?P<d{i}>{pat})")
    department = re.compile(rf"\s+(?P<dep>{'|'.join(dep_alts)})(?![\w])", re.IGNORECASE)
    roles = data["roles"]
    label_cues = {r: re.compile(rf"(?<!\w)(?:{_alt(c)})\s*:\s*", re.IGNORECASE) for r, c in roles["label"].items()}
    verb_cues = {r: re.compile(rf"(?<!\w)(?:{_alt(c)})(?!\w)", re.IGNORECASE) for r, c in roles["verbs"].items()}
    return Gazetteer(
        head=head,
        spellings={k: h for h in sorted(variants, key=lambda v: v[:1].islower())
                   for k in (h.lower(), h.lower().replace(",", ""))},
        levels={fold(h["words"]): h.get("level") for h in data["heads"]},
        department=department,
        departments=tuple(sorted(departments, key=len, reverse=True)),
        collective=_collective_pattern(data["collective"]),
        not_units=re.compile(data["not_units"]["pattern"]),
        label_cues=label_cues,
        verb_cues=verb_cues,
    )


# A name component: a capitalised word and at most two lower-case words that are not verbs
# or function words ("Văn hóa", "Thông tin", "Phát thanh"; not "Thông tin tuyên truyền").
_STOP = (
    "chủ phối thực triển tổ tham chỉ hướng kiểm giám báo theo có được là để trong tại về với của các "
    "những cho từ đến năm và hoặc thuộc trên dưới khi đã sẽ đang cần phải nhằm bảo đảm xây cung phổ "
    "đăng đẩy tăng rà lập trình gửi tuyên nắm quản thường đôn chịu căn này đó đây ban hành tiếp làm "
    "nghiên đề xác thống tập ngay kịp sớm đồng phân mỗi tất toàn cùng như nếu thì yêu giao quyết phê "
    "duyệt hỗ sử nâng thúc khuyến chấp ứng bố giúp lãnh"
).split()
_LOWER_WORD = rf"(?!(?:{'|'.join(_STOP)})(?![{LOWER}]))[{LOWER}]+"
# A capital glued to more capitals or digits is an abbreviation ("ĐĐBQH&HĐND", "Cục A03"),
# not the start of a name word.
# A role verb written with a capital ("MTTQ Phối hợp với UBND xã") starts the predicate.
_CAPITAL_VERB = rf"(?!(?:Phối\s+hợp|Chủ\s+trì|Thực\s+hiện|Tham\s+mưu|Triển\s+khai|Chịu\s+trách)(?![{LOWER}]))"
_COMPONENT = rf"{_CAPITAL_VERB}[{UPPER}][{LOWER}]*(?![{UPPER}\d&])(?:\s+{_LOWER_WORD}){{0,3}}"
_NAME_TAIL_RE = re.compile(rf"\s+(?:và\s+)?{_COMPONENT}(?:(?:\s*[-–,&]\s*|\s+và\s+|\s+){_COMPONENT})*")
_BOARD_TAIL_RE = re.compile(rf"(?:\s+(?:các|và|{_LOWER_WORD}|[{UPPER}][{LOWER}]*)){{1,12}}?(?=\s*[,;.():]|\s*$|\s+(?:chủ|phối|thực|tổ|có|trong|theo))")
# A steering board named by its purpose in lower case, up to its level: "Ban Chỉ đạo tổng kiểm
# kê tài sản cấp xã", "Ban Chỉ đạo bảo vệ bí mật nhà nước tỉnh" (not "Ban Chỉ đạo đôn đốc các xã").
_PURPOSE_TAIL_RE = re.compile(
    rf"(?:\s+(?!(?:các|và|để|với|cho|tại|trên|theo|về|của|chỉ|có|là|gồm|chủ|phối|thực|tham|đôn|kiểm\s+tra|giám)\b)[{LOWER}]+){{1,8}}?"
    rf"(?=\s+(?:{_LOCALITY_WORDS})(?![{LOWER}]))")
# Officials named by their portfolio: "Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội".
_DUTY_HEADS = ("Phó Chủ tịch", "Cán bộ", "Chuyên viên", "Công chức")
# A heading may list the portfolio's fields to the end of its line: "Chuyên viên phụ trách lĩnh
# vực Hành chính, Văn phòng", "Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo và các Hội quần
# chúng" (each field capitalised).
_DUTY_TAIL_RE = re.compile(
    r"(?:\s+Thường\s+trực)?,?\s+phụ\s+trách\s+(?:lĩnh\s+vực\s+)?"
    rf"(?:[^,;.:()\n]{{3,80}}?(?:,\s*(?-i:[{UPPER}])[^,;.:()\n]{{2,60}}?)+(?=[ \t]*(?:\n|$))"
    r"|[^,;.:()\n]{3,80}?(?=\s*(?:[,;.:()\n]|$)|\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu|có\s+trách)))", re.IGNORECASE)
# A special zone closing a list of commune kinds is named: "các xã, phường, đặc khu Lý Sơn".
_SPECIAL_ZONE = rf"(?:(?<=đặc\skhu)\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,2}})?"
# Words that open a sentence or a table cell, never a name's next line: "Liên hiệp các Hội
# Khoa học và Kỹ thuật" ends its cell before "Nghiên cứu, tư vấn ..." on the next line, "Các
# sở, ban, ngành Tỉnh" before "Căn cứ ...".
_LINE_OPENERS = (
    "nghiên căn chủ phối thực triển tham chỉ hướng theo có trong tại về với để đề đẩy tăng rà lập trình "
    "gửi nắm đôn chịu tiếp làm xác tập kịp phân yêu giao quyết phê hỗ sử nâng thúc khuyến chấp ứng bố "
    "giúp các những cho từ đến năm"
).split()
_NEW_LINE_OPENER = rf"\s*\n\s*(?:{'|'.join(w[0].upper() + w[1:] for w in _LINE_OPENERS)})(?![{LOWER}])"
_LOCALITY_TAIL_RE = re.compile(
    rf"\s+khu\s+vực\s+(?:[IVXLC]+|\d+)\b"  # state agencies by region: "Kho bạc Nhà nước khu vực XI"
    rf"|\s+của\s+Quốc\s+hội\b"  # "các Ủy ban của Quốc hội"
    rf"|\s+(?:xã|phường|thị\s+trấn)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu))+{_SPECIAL_ZONE}"  # "phường, xã"
    rf"|\s+(?:{_LOCALITY_WORDS})(?:(?!{_NEW_LINE_OPENER})\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}})?(?![{LOWER}])"
    rf"|\s+các\s+(?:xã|phường|thị\s+trấn|huyện|thôn|tổ\s+dân\s+phố|tỉnh)(?:\s*[,/]\s*(?:xã|phường|thị\s+trấn|đặc\s+khu|thôn|thành\s+phố))*{_SPECIAL_ZONE}"  # "các tỉnh/thành phố"
    rf"(?:\s+trực\s+thuộc\s+trung\s+ương)?"
)
# Bodies named by a list of fields, written in lower case after the first: "Tiểu ban thông tin,
# tuyên truyền, khánh tiết", "Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng". The list
# closes with "và" + a name, or runs to the end of the line or to a note; a list that runs
# on into the sentence ("Tiểu ban thông tin, tuyên truyền, khánh tiết bầu cử ...") is not taken.
_FIELD_HEADS = ("Tiểu ban", "Vụ trưởng")
_FIELD_WORD = rf"(?!(?:và|các|của|cho|với)(?![{LOWER}]))[{LOWER}]+"
_FIELDS_RE = re.compile(
    rf"(?:\s+{_FIELD_WORD}(?:\s+{_FIELD_WORD}){{0,2}})?(?:,\s*{_FIELD_WORD}(?:\s+{_FIELD_WORD}){{0,2}})+"
    rf"(?:\s+và\s+[{UPPER}][{LOWER}]*(?:\s+{_FIELD_WORD}){{0,3}}(?![{LOWER}{UPPER}])|(?=[ \t]*(?:[(;.]|\n|$)))")
# "X và các Y của Z": the owner after the plural is shared, and the Nơi nhận line of the
# Government ("Hội đồng Dân tộc và các Ủy ban của Quốc hội", "Văn phòng Trung ương và các Ban
# của Đảng") names one addressee.
_CENTRAL_SIBLING_HEADS = ("Hội đồng Dân tộc", "Văn phòng", "Ủy ban", "Ban")
_SHARED_OWNER_RE = re.compile(r"\s+và\s+các\s+(?:Ủy\s+ban|Ban|Vụ|Cục)\s+của\s+(?:Quốc\s+hội|Đảng|Chính\s+phủ)(?![\w])")
# The leaders of the Party cells at several standing bodies, written as one office: "Tổ trưởng Tổ
# đảng ở Thường trực Hội đồng Dân tộc, các Ủy ban của Quốc hội".
_CELLS_LIST_RE = re.compile(r",?\s+(?:và\s+)?các\s+(?:Ủy\s+ban|Ban)\s+của\s+(?:Quốc\s+hội|Đảng)(?![\w])")
# The Party committees as a kind after an office: "người đứng đầu cấp ủy (Đảng) (các cấp)".
_COMMITTEE_KIND_RE = re.compile(r"\s+(?:các\s+)?cấp\s+ủy(?:\s+[Đđ]ảng)?(?:\s+các\s+cấp)?(?![\w])")
# Heads whose unit is named by the body that follows: "Chủ tịch Ủy ban nhân dân tỉnh".
_OFFICE_HEADS = ("Chủ tịch", "Phó Chủ tịch", "Văn phòng cơ quan", "Phó Chánh Văn phòng", "Lãnh đạo Văn phòng", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Thường trực",
                 "Ban Thường trực", "Văn phòng", "Lãnh đạo", "Trưởng", "Phó Trưởng", "Bí thư", "Chánh Văn phòng",
                 "Vụ trưởng", "Người đứng đầu", "người đứng đầu", "Ban Lãnh đạo", "Tổ đảng ở", "Tổ trưởng", "Chủ nhiệm", "Thành viên", "Chuyên viên")
# A member's post in the plan's committee after the office ("Đồng chí Trưởng Ban xây dựng Đảng -
# Trưởng Tiểu ban: Phụ trách chung"): one unit, named by both, in a list of assignments.
_CONCURRENT_POST_RE = re.compile(
    r"\s+[-–]\s+(?:Phó\s+)?(?:Trưởng|Ủy\s+viên|Thành\s+viên|Thư\s+ký)(?:\s+(?:[Tt]iểu\s+ban|[Bb]an|[Đđ]oàn|[Tt]ổ))?"
    r"(?:\s+Thường\s+trực)?(?=\s*:)")
# Common family names, for people named after an office or a level (people are no units).
_FAMILY_NAMES = ("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đinh|Trịnh|Mai|Cao|Lâm|Tạ|Tô"
                 "|Chu|Triệu|Vương|Lại|Kiều|Lò|Giàng|Sùng|Thào")
# A person named after an office ("Phó giám đốc Hoàng Văn Thuân").
_PERSON_RE = re.compile(rf"\s+(?:{_FAMILY_NAMES})\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,2}}(?![\w])")
# A person named after an official's level ("Chủ tịch UBND tỉnh Trần Văn Sơn"): a family name, a
# common middle name and a given name read as a place name (the middle name keeps "tỉnh Cao Bằng").
_LEVEL_PERSON_RE = re.compile(
    rf"\s(?:tỉnh|huyện|xã|phường)(\s+(?:{_FAMILY_NAMES})\s+(?:Văn|Thị|Đức|Hữu|Quang|Đình|Bá|Trọng|Xuân|Ngọc|Thanh|Minh|Công|Quốc)"
    rf"(?:\s+[{UPPER}][{LOWER}]*){{1,2}})$")
# Party committees that own a board: "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Văn phòng Đảng ủy".
_PARTY_OWNERS = ("Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thành ủy")
_NEEDS_NAME = ("Sở", "Phòng", "Bộ", "Cục", "Chi cục", "Công chức", "Trung tâm", "Ban", "Tiểu ban", "Báo",
               "Đài Phát thanh", "Văn phòng", "Hội", "Ủy ban", "Lãnh đạo", "Đảng đoàn", "Ban Quản lý", "Tổ đảng ở", "Thành viên", "Đảng ủy cơ quan", "Trưởng", "Cán bộ", "Chuyên viên", "Bí thư", "Thanh tra", "Hiệp hội",
               "Chủ nhiệm", "Phó Trưởng", "Phó Giám đốc", "Tổ trưởng", "Người đứng đầu")


def _collective_pattern(spec: dict) -> re.Pattern:
    """The collective rule of data/units.yaml: "các" + kinds (after a comma or "và", a
    repeated "các" excepted), each with its qualifiers, and a tail; or, without "các", a comma
    list of kinds or one kind + "liên quan"."""
    kinds = "|".join(spec["kinds"])
    qualified = rf"(?:{kinds})(?:\s+(?:{'|'.join(spec['qualifiers'])}))?(?![\w])"
    tail = rf"(?:\s+(?:{'|'.join(spec['tails'])}))?"
    # "và" joins a list's last kind; a kind that opens a comma list after it starts another
    # collective ("các sở, ban, ngành và cơ quan, đơn vị có liên quan" is two).
    listed = rf"(?:\s*,\s*(?!các\s)|\s+và\s+(?!các\s)(?!{qualified}\s*,\s*(?:{kinds})(?![\w]))(?=(?:{kinds})(?:[\s,;.]|$)))"
    # "các phòng chuyên môn có liên quan và đoàn thể cấp xã": one "các" over both kinds.
    related_and = rf"(?:\s+(?:có\s+)?liên\s+quan\s+và\s+(?!các\s){qualified})?"
    with_cac = rf"(?:[Cc]ác|[Tt]oàn\s+thể\s+các|[Mm]ọi)\s+{qualified}(?:{listed}{qualified})*{related_and}{tail}"
    bare_list = rf"(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Ss]ở)(?:\s*,\s*{qualified})+{tail}"
    bare_one = r"(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Đđ]ịa\s+phương)\s+(?:(?:có\s+)?liên\s+quan|được\s+kiểm\s+tra)|[Tt]ổ\s+chức\s+chính\s+trị\s*[-–]\s*xã\s+hội" \
        r"|[Cc]ơ\s+quan\s+(?:thông\s+tấn\s+)?báo\s+chí|[Ll]ực\s+lượng\s+chức\s+năng"
    return re.compile(f"(?:{with_cac}|{bare_list}|{bare_one})")


def _complete(text: str, start: int, end: int, head: str, deps: dict[tuple[int, int], str]) -> int:
    """Extend a head to the end of the unit's name: department or name components, locality.

    A department found records its gazetteer spelling in ``deps`` under its span."""
    gz = gazetteer()
    # A National Assembly committee is named in full by its tail ("Ủy ban Tài chính, Ngân
    # sách"), not by the first department name in it.
    dep = gz.department.match(text, end) if head != "Ủy ban" else None
    named = False
    if dep:
        end, named = dep.end(), True
        deps[(dep.start("dep"), dep.end("dep"))] = next(gz.departments[int(k[1:])] for k, v in dep.groupdict().items()
                                           if v and k.startswith("d") and k[1:].isdigit())
    elif (head[:1].upper() + head[1:]).startswith(_OFFICE_HEADS):
        inner = gz.head.match(text, end + 1) if text[end:end + 1] == " " else None
        if inner:
            inner_end = _complete(text, inner.start(), inner.end(), _spelling(inner.group("head")), deps)
            cells = _CELLS_LIST_RE.match(text, inner_end) if head == "Tổ trưởng" and inner_end > inner.start() \
                and _spelling(inner.group("head")) == "Tổ đảng ở" else None
            if cells:
                return cells.end()  # "Tổ trưởng Tổ đảng ở Thường trực Hội đồng Dân tộc, các Ủy ban của Quốc hội"
            return inner_end if inner_end > inner.start() else inner.end()  # "Chánh Văn phòng Bộ"
        group = gz.collective.match(text, end + 1) if text[end:end + 1] == " " else None
        group = group or _COMMITTEE_KIND_RE.match(text, end)  # "người đứng đầu cấp ủy"
        if group:
            loc = _LOCALITY_TAIL_RE.match(text, group.end())
            return loc.end() if loc else group.end()  # "Thủ trưởng các ban, ngành tỉnh"
    duty = _DUTY_TAIL_RE.match(text, end) if head.startswith(_DUTY_HEADS) else None
    if duty:
        return duty.end()  # "Phó Chủ tịch phụ trách lĩnh vực Công tác Xã hội"
    if head == "Cổng Thông tin điện tử":
        # "Cổng TTĐT của Chính phủ", "Cổng TTĐT của Bộ Xây dựng": the portal's owner names it.
        owner = re.match(r"\s+của\s+(?:Chính\s+phủ|(?=Bộ\s))", text[end:])
        if owner and owner.group(0).rstrip().endswith("phủ"):
            return end + owner.end()
        if owner:
            ministry = gz.department.match(text, end + owner.end() + len("Bộ"))
            if ministry:
                return ministry.end()
    if head == "Ban Quản lý":
        tail = _BOARD_TAIL_RE.match(text, end)  # "Ban Quản lý các khu công nghệ cao và khu công nghiệp"
        if tail:
            end, named = tail.end(), True
    if head == "Ban Chỉ đạo":
        purpose = _PURPOSE_TAIL_RE.match(text, end)
        if purpose:
            end = purpose.end()
    if not named:
        tail = _NAME_TAIL_RE.match(text, end)
        if tail:
            chunk = tail.group(0)
            # "UBND tỉnh, Sở Tài chính", "X và Hội đồng nhân dân", "Ủy ban Kiểm tra Đảng ủy, Ban
            # xây dựng Đảng": a head after the first component starts another unit (a Party
            # committee that owns the board does not: "Ban Tuyên giáo Tỉnh ủy").
            for inner in _inner_heads(text, end, chunk):
                if chunk[: inner].strip():
                    chunk = re.sub(r"\s+và$", "", chunk[: inner].rstrip(" ,-–"))
                    break
            opener = re.search(_NEW_LINE_OPENER, chunk)
            if opener:
                chunk = chunk[: opener.start()]
            loc_word = re.search(rf"\s(?:{_LOCALITY_WORDS})\b", chunk)
            if loc_word:
                chunk = chunk[: loc_word.start()]
            end += len(chunk)
            named = bool(chunk.strip())
    if head in _FIELD_HEADS:
        fields = _FIELDS_RE.match(text, end)
        if fields:
            end, named = fields.end(), True  # "Vụ Khoa học công nghệ, môi trường và Vật liệu xây dựng"
    loc = _LOCALITY_TAIL_RE.match(text, end)
    if loc:
        end, named = loc.end(), True
    shared = _SHARED_OWNER_RE.match(text, end) if head in _CENTRAL_SIBLING_HEADS and not loc else None
    if shared:
        end = shared.end()  # "Hội đồng Dân tộc và các Ủy ban của Quốc hội"
    if not named and head[:1].upper() + head[1:] in _NEEDS_NAME:
        return start  # "cán bộ, công chức", "Ban" alone: no unit
    return end


_NOT_A_DEPARTMENT_RE = re.compile(r"(?:[Vv]ăn|[Qq]uốc|[Dd]ự|[Đđ]ề|[Pp]hòng|[Pp]hòng,)\s+$")


def _not_a_head(text: str, m: re.Match) -> bool:
    """"văn phòng", "quốc phòng", "dự phòng" hold no department ("Giao phòng Quản lý Công
    nghiệp" does)."""
    return m.group("head") == "phòng" and bool(_NOT_A_DEPARTMENT_RE.search(text, 0, m.start()))


def _inner_heads(text: str, end: int, chunk: str):
    """Offsets in ``chunk`` (which starts at ``end`` of ``text``) where another unit's head
    begins, Party committees excepted; matched on the whole text, so a head whose name runs
    past the chunk ("Ban xây dựng Đảng") still counts."""
    gz = gazetteer()
    for m in re.finditer(r"(?<=\s)[^\W\d_]", chunk):
        head = gz.head.match(text, end + m.start())
        if head and not _not_a_head(text, head) and _spelling(head.group("head")) not in _PARTY_OWNERS:
            yield m.start()


def _spelling(head: str) -> str:
    """The gazetteer's spelling of a matched head: "Phó chủ tịch" -> "Phó Chủ tịch"."""
    key = re.sub(r"\s+", " ", head).lower()
    spelled = gazetteer().spellings.get(key, head)
    return spelled if spelled[:1] == head[:1] else head[:1] + spelled[1:]


_FRONT_AT_LEVEL_RE = re.compile(
    r"^((?:các\s+)?(?:Phó\s+)?(?:Chủ\s+tịch\s+|Thường\s+trực\s+|Ban\s+Thường\s+trực\s+)?)Mặt\s+trận\s+Tổ\s+quốc"
    r"(?=(?:\s+Việt\s+Nam)?\s+(?:xã|phường|thị\s+trấn|tỉnh|huyện|thành\s+phố|cấp|các)\b)", re.IGNORECASE)


def canonical_name(raw: str) -> str:
    """Abbreviations expanded, dashes spaced, Uỷ/Ủy unified, notes dropped."""
    name = re.sub(r"\s*\((?:b/c|p/h|t/h|để [^)]*|đ/b)\)\s*$", "", raw.strip(), flags=re.IGNORECASE)
    name = expand_abbreviations(name)
    name = re.sub(r"\s*[-–]\s*", " - ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;.:")
    name = re.sub(r" ,", ",", name)  # "Các Bộ , cơ quan ngang Bộ"
    name = re.sub(r"\bỦy ban (?=Ủy ban\b)", "", name)  # "Ủy ban UBTVQH": the word written twice
    # "MTTQ xã", "Phó Chủ tịch MTTQ xã": the Front at a level acts through its committee.
    name = _FRONT_AT_LEVEL_RE.sub(r"\1Ủy ban Mặt trận Tổ quốc", name)
    return name[:1].upper() + name[1:] if name[:1].islower() and not name.startswith("các") else name


def find_mentions(text: str, offset: int = 0) -> list[tuple[Span, str]]:
    """Unit mentions in ``text``: (span, canonical name), non-overlapping, in order.

    Matching runs on the text with abbreviations expanded (UBND, LĐ-TB&XH, NN&MT), and the
    spans are mapped back to the original text."""
    # The role rules ask for the mentions of one item several times: read it once.
    return [((a + offset, b + offset), name) for (a, b), name in _mentions_in(text)]


@lru_cache(maxsize=4096)
def _mentions_in(text: str) -> tuple[tuple[Span, str], ...]:
    offset = 0
    gz = gazetteer()
    toned = normalize_tone_placement(text)  # "Uỷ ban" -> "Ủy ban"; same length, same offsets
    expanded, omap = expand_with_map(toned if len(toned) == len(text) else text)
    deps: dict[tuple[int, int], str] = {}  # department span -> its gazetteer spelling
    found: list[tuple[int, int]] = []
    heads_at: dict[int, tuple[int, str]] = {}  # mention start -> (head length, gazetteer spelling)
    for m in gz.collective.finditer(expanded):
        end = m.end()
        loc = _LOCALITY_TAIL_RE.match(expanded, end)
        found.append((m.start(), loc.end() if loc else end))
    for m in gz.head.finditer(expanded):
        if any(a <= m.start() < b for a, b in found):
            continue
        if _not_a_head(expanded, m):
            continue
        head, head_end = m.group("head"), m.end()
        # "Trưởng Đoàn đại biểu Quốc hội" is the head of a body, not a "Trưởng đoàn" (team
        # leader): a longer head starting inside this one wins, and the office word stays.
        for k in (i for i, ch in enumerate(head) if ch == " "):
            inner = gz.head.match(expanded, m.start() + k + 1)
            if inner and inner.end() > m.end() and head[:k] in _OFFICE_HEADS:
                head, head_end = head[:k], m.start() + k
                break
        if _spelling(head) in _OFFICE_HEADS and _PERSON_RE.match(expanded, head_end):
            continue  # "Phó giám đốc Hoàng Văn Thuân": a person, not a unit
        end = _complete(expanded, m.start(), head_end, _spelling(head), deps)
        post = _CONCURRENT_POST_RE.match(expanded, end) if end > m.start() and _spelling(head) in _OFFICE_HEADS else None
        if post:
            end = post.end()  # "Phó Trưởng ban xây dựng Đảng - Ủy viên: ..."
        if _spelling(head) in _OFFICE_HEADS and end > head_end:
            person = _LEVEL_PERSON_RE.search(expanded, head_end, end)
            if person:
                end = person.start(1)  # "Chủ tịch UBND tỉnh Trần Văn Sơn": the office holder, not a place
        heads_at[m.start()] = (head_end - m.start(), _spelling(head))
        if end > m.start():
            found.append((m.start(), end))
    found.sort(key=lambda x: (x[0], -x[1]))
    kept: list[tuple[int, int]] = []
    last_end = -1
    for a, b in found:
        if a >= last_end:
            kept.append((a, b))
            last_end = b
    names = [_raw_name(expanded, a, b, deps) for a, b in kept]
    names = _share_list_parts(expanded, kept, names)
    out: list[tuple[Span, str]] = []
    for (a, b), raw in zip(kept, names):
        if a in heads_at and raw.startswith(expanded[a:a + heads_at[a][0]]):
            # the gazetteer's spelling: "Phó chủ tịch ..." -> "Phó Chủ tịch ..."
            raw = heads_at[a][1] + raw[heads_at[a][0]:]
        name = canonical_name(raw)
        if len(name) < 3 or gz.not_units.fullmatch(name):
            continue
        out.append(((offset + omap.start(a), offset + omap.end(b)), name))
    return tuple(out)


def _raw_name(expanded: str, a: int, b: int, deps: dict[tuple[int, int], str]) -> str:
    raw = expanded[a:b]
    for (ds, de), dep in deps.items():
        if a <= ds and de <= b:
            # The gazetteer's spelling of the department: "Lao động - Thương binh và Xã hội".
            raw = expanded[a:ds] + dep + expanded[de:b]
    return raw


# A bare locality (no place name): "xã", "các xã, thị trấn", "huyện".
_TRAILING_LOCALITY_RE = re.compile(
    rf"\s(?:các\s+)?(?:{_LOCALITY_WORDS})(?:\s*,\s*(?:xã|phường|thị\s+trấn|thành\s+phố))*(?:\s+trực\s+thuộc\s+trung\s+ương)?$"
)
_SHARED_OFFICE_RE = re.compile(r"^(Thường trực|Ban Thường vụ|Văn phòng|Lãnh đạo)\s")
_PARTY_CELL_RE = re.compile(r"^(Tổ đảng ở Thường trực)\s")
# Bodies with a Thường trực of their own, to which a listed "Thường trực" carries over; "Thường
# trực HĐND, Ủy ban bầu cử xã" and "..., UBND xã" name the committees themselves.
_HAS_STANDING_BODY = ("Đảng ủy", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Hội đồng nhân dân", "Ủy ban Mặt trận")


_PARTY_LEVEL_RE = re.compile(r"(Tỉnh|Huyện|Thành) ủy$")
_PARTY_LEVELS = {"Tỉnh": "tỉnh", "Huyện": "huyện", "Thành": "thành phố"}
_LEVELLED_BODIES = ("Hội đồng nhân dân", "Ủy ban nhân dân", "Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc Việt Nam")


# Bodies whose office or leaders a list shares ("Văn phòng Tỉnh ủy, HĐND, UBND tỉnh"); a body
# with a name of its own after "Văn phòng Chính phủ, Bộ Tư pháp" is itself a partner.
_HAS_OFFICE = _HAS_STANDING_BODY + ("Ủy ban nhân dân", "Đoàn đại biểu Quốc hội", "Ủy ban bầu cử")


def _share_list_parts(expanded: str, spans: list[tuple[int, int]], names: list[str]) -> list[str]:
    """Lists share what only one member writes: "Thường trực Đảng ủy, Hội đồng nhân dân xã" ->
    "Thường trực Đảng ủy xã", "Thường trực Hội đồng nhân dân xã"; "Đảng ủy, UBND các xã" ->
    "Đảng ủy các xã", ...: a trailing locality goes back, a leading office goes forward."""
    names = list(names)
    for i in range(len(spans) - 1, 0, -1):
        gap = expanded[spans[i - 1][1]:spans[i][0]]
        if not re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", gap):
            continue
        locality = _TRAILING_LOCALITY_RE.search(names[i])
        bare = _SHARED_OFFICE_RE.sub("", canonical_name(names[i - 1]))
        # "Tỉnh ủy", "Trưởng thôn" name their level already: no "Tỉnh ủy tỉnh".
        if locality and fold(bare) in gazetteer().levels and not re.search(r"(?:Tỉnh|Huyện|Thành) ủy$|thôn$", bare):  # only a bare head takes the locality
            names[i - 1] = names[i - 1] + locality.group(0)
    for i in range(1, len(spans)):
        gap = expanded[spans[i - 1][1]:spans[i][0]]
        # "TT Huyện ủy, TT HĐND": the council of the Party committee's level.
        party = _PARTY_LEVEL_RE.search(names[i - 1])
        bare = _SHARED_OFFICE_RE.sub("", canonical_name(names[i]))
        if party and re.fullmatch(r"\s*,\s*", gap) and bare in _LEVELLED_BODIES:
            names[i] = f"{names[i]} {_PARTY_LEVELS[party.group(1)]}"
        # "Tổ đảng ở Thường trực Hội đồng Dân tộc, (TT) các Ủy ban của Quốc hội": the Party
        # cells of each committee's standing body, the plural kept.
        cell = _PARTY_CELL_RE.match(names[i - 1])
        if names[i - 1] == "Thường trực" and i > 1 and re.fullmatch(r"\s*,\s*", expanded[spans[i - 2][1]:spans[i - 1][0]]):
            cell = _PARTY_CELL_RE.match(names[i - 2])  # "..., TT các UB của QH": the bare office between
            gap = ", Thường trực " + gap.lstrip()
        plural = re.fullmatch(r"\s*,\s*(?:Thường\s+trực\s+)?(các\s+)?", gap)
        if cell and plural and names[i].startswith(("Ủy ban", "Hội đồng")):
            names[i] = f"{cell.group(1)} {plural.group(1) or ''}{names[i]}"
            continue
        office = _SHARED_OFFICE_RE.match(names[i - 1])
        # An office of a joint body ("Văn phòng Đoàn ĐBQH và HĐND tỉnh") is not shared.
        if office and " và " in names[i - 1][office.end():]:
            office = None
        if office and re.fullmatch(r"\s*,\s*", gap) and not _SHARED_OFFICE_RE.match(names[i]) \
                and not names[i].startswith(_OFFICE_HEADS) \
                and not names[i].lower().startswith("các") \
                and not (office.group(1) == "Thường trực" and not names[i].startswith(_HAS_STANDING_BODY)) \
                and names[i].startswith(_HAS_OFFICE):
            names[i] = f"{office.group(1)} {names[i]}"
    return names


def unit_level(name: str) -> Level | None:
    gz = gazetteer()
    key = fold(name)
    for head, level in sorted(gz.levels.items(), key=lambda x: len(x[0]), reverse=True):
        if key.startswith(head):
            if level:
                return Level(level)
            loc = re.search(r"\b(tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|thon)\b", key[len(head):])
            if loc:
                word = loc.group(1)
                return Level({"tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "quan": "huyen",
                              "thi xa": "huyen", "thon": "thon"}.get(word, "xa"))
            return None
    return None


# What a short form of a body may leave out and the plan write elsewhere: its level
# ("Thường trực Đảng ủy" / "... xã"), the name after a head ("Văn phòng Sở" / "Văn phòng Sở
# Công Thương tỉnh Lào Cai"), its place name ("Ủy ban MTTQ tỉnh" / "... tỉnh Lào Cai"). A
# continuation that opens a list or another clause ("- Thông tin", "và Đầu tư", "các xã")
# names another body.
_COMPLETION_RE = re.compile(rf"^\s(?:{_LOCALITY_WORDS}|[{UPPER}])[^,;()]*$")
# A body's second field after a comma: "Đoàn kiểm tra" / "Đoàn kiểm tra, giám sát".
_FIELD_COMPLETION_RE = re.compile(rf"^,\s[{LOWER}][^,;()]*$")
# A place name after the level ("xã" + "Lương Minh", "Tỉnh ủy" + "Lào Cai").
_LEVEL_END_RE = re.compile(rf"(?:\s(?:{_LOCALITY_WORDS})|(?:Tỉnh|Huyện|Thành)\s+ủy)$")
# "Ban Công tác Mặt trận thôn" (Nơi nhận) and "Ban Công tác Mặt trận các thôn" (heading): the
# body of every village, below any plan's issuer, written once with the plural.
_PLURAL_LEVEL_RE = re.compile(r"(?<=\s)các\s+(?=(?:thôn|tổ\s+dân\s+phố)$)")
_COLLECTIVE_START_RE = re.compile(r"^(?:các|toàn\s+thể|mọi)\s", re.IGNORECASE)


def same_bodies(names: list[str], context: list[str], text: str) -> dict[str, str]:
    """Names of one body written short somewhere in a plan -> the name it has elsewhere.

    ``names`` are the units found, ``context`` the names of every mention in the plan's
    content (bases excluded), ``text`` the plan's text. A short form takes the fuller name
    when the plan writes exactly one (or one chain: "Giám đốc Sở" -> "Giám đốc Sở Công
    Thương" rather than "... tỉnh Lào Cai"), but never a place name it left out; the
    villages' body takes its plural ("thôn" -> "các thôn"); "Tỉnh ủy" from the abbreviation
    "TU" is the "Thành ủy" of a city whose plan writes "Thành ủy" and never "Tỉnh ủy".
    Generic collectives ("các sở, ngành") are never completed (guideline 1.4)."""
    toned = normalize_tone_placement(text)
    city = re.search(r"Thành\s+ủy", toned) and not re.search(r"Tỉnh\s+ủy", toned, re.IGNORECASE)
    # Sorted by length, then by name: set order changes with the hash seed, and two spellings of
    # one length ("... tinh" / "... tỉnh") must always resolve the same way.
    pool = sorted(set(names) | set(context), key=lambda n: (len(n), n))
    out: dict[str, str] = {}
    for name in names:
        target = name
        if city and "Tỉnh ủy" in target:
            target = target.replace("Tỉnh ủy", "Thành ủy")
        if not _COLLECTIVE_START_RE.match(target) and not gazetteer().collective.fullmatch(target):
            # "UBND các xã/phường" (heading) and "UBND các xã, phường" (Nơi nhận): one list.
            if "/" in target and target.replace("/", ", ") in pool:
                target = target.replace("/", ", ")
            plural = [p for p in pool if p != target and _PLURAL_LEVEL_RE.search(p)
                      and fold(_PLURAL_LEVEL_RE.sub("", p)).lower() == fold(target).lower()]
            if len(plural) == 1:
                target = plural[0]
            longer = [p for p in pool if len(p) > len(target) and fold(p[:len(target)]).lower() == fold(target).lower()
                      and (_COMPLETION_RE.match(p[len(target):])
                           or (_FIELD_COMPLETION_RE.match(p[len(target):]) and not re.search(r"\bcác\b", p)))
                      and not _COLLECTIVE_START_RE.match(p)
                      # "Đoàn kiểm tra Đoàn ...": a heading run into the next sentence repeats the
                      # head's first word; that is another mention, not the short form's full name.
                      and p[len(target):].split()[:1] != target.split()[:1]]
            # One chain of completions: the shortest one completes the name.
            if longer and all(fold(p).lower().startswith(fold(longer[0]).lower()) for p in longer):
                ext = longer[0][len(target):]
                # A place name is kept only where written (guideline: "Sở Công Thương tỉnh
                # Lào Cai only if the text says so"): "Ban Thường trực Ủy ban MTTQ xã" stays
                # beside "... xã Lương Minh", "Ban Quản lý khu Kinh tế" beside "... tỉnh Đồng
                # Tháp"; a head's missing name or level is completed.
                if not re.match(rf"^\s(?:{_LOCALITY_WORDS})\s+[{UPPER}]", ext) \
                        and not (_LEVEL_END_RE.search(target) and re.match(rf"^\s[{UPPER}]", ext)):
                    target = longer[0]
        if target != name:
            out[name] = target
    return out
