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
    variants = set(heads) | {h[0].lower() + h[1:] for h in heads if h.startswith(("Công chức", "Trưởng ", "Thành viên", "Lãnh đạo", "Người đứng đầu")) or h == "Phòng"}
    # "Luật Bầu cử đại biểu Quốc hội": a law's name, not the deputies.
    head = re.compile(rf"(?<![\w])(?<![Bb]ầu cử )(?<![Ứứ]ng cử )(?P<head>{_head_alt(list(variants))})(?![\w])")
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
_BOARD_TAIL_RE = re.compile(rf"(?:\s+(?:các|và|{_LOWER_WORD}|[{UPPER}][{LOWER}]*)){{1,12}}?(?=\s*[,;.()]|\s*$|\s+(?:chủ|phối|thực|tổ|có|trong|theo))")
# Officials named by their portfolio: "Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội".
_DUTY_HEADS = ("Phó Chủ tịch", "Cán bộ", "Chuyên viên", "Công chức")
_DUTY_TAIL_RE = re.compile(r"(?:\s+Thường\s+trực)?,?\s+phụ\s+trách\s+(?:lĩnh\s+vực\s+)?[^,;.:()\n]{3,80}?(?=\s*(?:[,;.:()\n]|$)|\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện|tham\s+mưu|có\s+trách))", re.IGNORECASE)
# A special zone closing a list of commune kinds is named: "các xã, phường, đặc khu Lý Sơn".
_SPECIAL_ZONE = rf"(?:(?<=đặc\skhu)\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,2}})?"
_LOCALITY_TAIL_RE = re.compile(
    rf"\s+khu\s+vực\s+(?:[IVXLC]+|\d+)\b"  # state agencies by region: "Kho bạc Nhà nước khu vực XI"
    rf"|\s+của\s+Quốc\s+hội\b"  # "các Ủy ban của Quốc hội"
    rf"|\s+(?:xã|phường|thị\s+trấn)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu))+{_SPECIAL_ZONE}"  # "phường, xã"
    rf"|\s+(?:{_LOCALITY_WORDS})(?:\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}})?(?![{LOWER}])"
    rf"|\s+các\s+(?:xã|phường|thị\s+trấn|huyện|thôn|tổ\s+dân\s+phố|tỉnh)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu|thôn|thành\s+phố))*{_SPECIAL_ZONE}"
    rf"(?:\s+trực\s+thuộc\s+trung\s+ương)?"
)
# Heads whose unit is named by the body that follows: "Chủ tịch Ủy ban nhân dân tỉnh".
_OFFICE_HEADS = ("Chủ tịch", "Phó Chủ tịch", "Văn phòng cơ quan", "Phó Chánh Văn phòng", "Lãnh đạo Văn phòng", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Thường trực",
                 "Ban Thường trực", "Văn phòng", "Lãnh đạo", "Trưởng", "Phó Trưởng", "Bí thư", "Chánh Văn phòng",
                 "Vụ trưởng", "Người đứng đầu", "người đứng đầu", "Tổ đảng ở", "Chủ nhiệm", "Thành viên", "Chuyên viên")
# Party committees that own a board: "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Văn phòng Đảng ủy".
_PARTY_OWNERS = ("Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thành ủy")
_NEEDS_NAME = ("Sở", "Phòng", "Bộ", "Cục", "Chi cục", "Công chức", "Trung tâm", "Ban", "Tiểu ban", "Báo",
               "Đài Phát thanh", "Văn phòng", "Hội", "Ủy ban", "Lãnh đạo", "Đảng đoàn", "Ban Quản lý", "Tổ đảng ở", "Thành viên", "Đảng ủy cơ quan", "Trưởng", "Cán bộ", "Chuyên viên", "Bí thư", "Thanh tra", "Hiệp hội",
               "Chủ nhiệm")


def _collective_pattern(spec: dict) -> re.Pattern:
    """The collective rule of data/units.yaml: "các" + kinds (after a comma or "và", a
    repeated "các" excepted), each with its qualifiers, and a tail; or, without "các", a comma
    list of kinds or one kind + "liên quan"."""
    kinds = "|".join(spec["kinds"])
    qualified = rf"(?:{kinds})(?:\s+(?:{'|'.join(spec['qualifiers'])}))?(?![\w])"
    tail = rf"(?:\s+(?:{'|'.join(spec['tails'])}))?"
    listed = rf"(?:\s*,\s*(?!các\s)|\s+và\s+(?!các\s)(?=(?:{kinds})(?:[\s,;.]|$)))"
    with_cac = rf"(?:[Cc]ác|[Tt]oàn\s+thể\s+các|[Mm]ọi)\s+{qualified}(?:{listed}{qualified})*{tail}"
    # ("Người đứng đầu cơ quan, tổ chức được giao nhiệm vụ": the bodies the plan gives tasks.)
    bare_list = rf"(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Ss]ở)(?:\s*,\s*{qualified})+(?:\s+(?:có\s+)?liên\s+quan|\s+được\s+giao\s+nhiệm\s+vụ)?"
    bare_one = r"(?:[Cc]ơ\s+quan|[Đđ]ơn\s+vị|[Đđ]ịa\s+phương)\s+(?:có\s+)?liên\s+quan|[Tt]ổ\s+chức\s+chính\s+trị\s*-\s*xã\s+hội" \
        r"|[Cc]ơ\s+quan\s+(?:thông\s+tấn\s+)?báo\s+chí"
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
            return inner_end if inner_end > inner.start() else inner.end()  # "Chánh Văn phòng Bộ"
        group = gz.collective.match(text, end + 1) if text[end:end + 1] == " " else None
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
            loc_word = re.search(rf"\s(?:{_LOCALITY_WORDS})\b", chunk)
            if loc_word:
                chunk = chunk[: loc_word.start()]
            end += len(chunk)
            named = bool(chunk.strip())
    loc = _LOCALITY_TAIL_RE.match(text, end)
    if loc:
        end, named = loc.end(), True
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
        end = _complete(expanded, m.start(), head_end, _spelling(head), deps)
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
# Bodies with a Thường trực of their own, to which a listed "Thường trực" carries over; "Thường
# trực HĐND, Ủy ban bầu cử xã" and "..., UBND xã" name the committees themselves.
_HAS_STANDING_BODY = ("Đảng ủy", "Tỉnh ủy", "Huyện ủy", "Thành ủy", "Hội đồng nhân dân", "Ủy ban Mặt trận")


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
        office = _SHARED_OFFICE_RE.match(names[i - 1])
        # An office of a joint body ("Văn phòng Đoàn ĐBQH và HĐND tỉnh") is not shared.
        if office and " và " in names[i - 1][office.end():]:
            office = None
        if office and re.fullmatch(r"\s*,\s*", gap) and not _SHARED_OFFICE_RE.match(names[i]) \
                and not names[i].startswith(_OFFICE_HEADS) \
                and not names[i].lower().startswith("các") \
                and not (office.group(1) == "Thường trực" and not names[i].startswith(_HAS_STANDING_BODY)):
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
