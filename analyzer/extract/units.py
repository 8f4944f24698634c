"""Responsible units: mentions found with the gazetteer (data/units.yaml), canonical names,
levels, and roles read from the item that mentions them.

The item's subject is the unit it opens with ("- Sở Tư pháp chủ trì ..."), or else the unit
its heading names (in Tổ chức thực hiện, "1. Công chức Văn hóa - Thông tin" owns the bullets
below it). Verb cues give the subject its roles; "Đơn vị chủ trì: X" / "phối hợp với X"
give X its role; units in Nơi nhận receive.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv, load_yaml
from ..models import Document, Level, Mention, Section, Span, Unit
from ..structure.issuer import expand_abbreviations, expand_with_map
from ..vietnamese import LOWER, UPPER, fold

ROLE_ORDER = ["lead", "coordinate", "advise", "implement", "monitor", "report", "receive"]
# Hà Nội and other cities write "Thành phố" with a capital: locality words match either case.
_LOCALITY_WORDS = r"(?:(?:[Tt]ỉnh|[Tt]hành\s+phố|[Hh]uyện|[Qq]uận|[Tt]hị\s+xã|[Xx]ã|[Pp]hường|[Tt]hị\s+trấn|cấp\s+(?:tỉnh|huyện|xã)|thôn)(?!\s+ủy))"
_PROPER = rf"[{UPPER}][{LOWER}]*"


@dataclass(frozen=True)
class Gazetteer:
    head: re.Pattern
    levels: dict[str, str | None]
    department: re.Pattern
    departments: tuple[str, ...]
    collective: re.Pattern
    label_cues: dict[str, re.Pattern]
    verb_cues: dict[str, re.Pattern]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    data = load_yaml("units.yaml")
    heads = [h["words"] for h in data["heads"]]
    # Heads match capitalised as written, and in lower case where plans write them so
    # ("phối hợp với công chức Văn hóa").
    variants = set(heads) | {h[0].lower() + h[1:] for h in heads if h.startswith(("Công chức", "Trưởng"))}
    head = re.compile(rf"(?<![\w])(?P<head>{_alt(list(variants))})(?![\w])")
    departments = data["departments"]
    dep_alts = []
    for i, d in enumerate(sorted(departments, key=len, reverse=True)):
        # "và" may have lost its "à" in a damaged text layer ("Thương binh v  Xã hội").
        pat = re.escape(d.replace(" - ", "-")).replace(r"\ ", r"\s+").replace(r"\-", r"\s*[-–]\s*").replace("và", "v(?:à)?")
        dep_alts.append(f"(?P<d{i}>{pat})")
    department = re.compile(rf"\s+(?P<dep>{'|'.join(dep_alts)})(?![\w])", re.IGNORECASE)
    roles = data["roles"]
    label_cues = {r: re.compile(rf"(?<!\w)(?:{_alt(c)})\s*:\s*", re.IGNORECASE) for r, c in roles["label"].items()}
    verb_cues = {r: re.compile(rf"(?<!\w)(?:{_alt(c)})(?!\w)", re.IGNORECASE) for r, c in roles["verbs"].items()}
    return Gazetteer(
        head=head,
        levels={fold(h["words"]): h.get("level") for h in data["heads"]},
        department=department,
        departments=tuple(sorted(departments, key=len, reverse=True)),
        collective=re.compile(data["collective"]["pattern"]),
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
    "duyệt hỗ sử nâng thúc khuyến chấp ứng bố"
).split()
_LOWER_WORD = rf"(?!(?:{'|'.join(_STOP)})(?![{LOWER}]))[{LOWER}]+"
_COMPONENT = rf"[{UPPER}][{LOWER}]*(?:\s+{_LOWER_WORD}){{0,3}}"
_NAME_TAIL_RE = re.compile(rf"\s+(?:và\s+)?{_COMPONENT}(?:(?:\s*[-–,&]\s*|\s+và\s+|\s+){_COMPONENT})*")
_LOCALITY_TAIL_RE = re.compile(
    rf"\s+khu\s+vực\s+(?:[IVXLC]+|\d+)\b"  # state agencies by region: "Kho bạc Nhà nước khu vực XI"
    rf"|\s+(?:xã|phường|thị\s+trấn)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu))+"  # "phường, xã"
    rf"|\s+(?:{_LOCALITY_WORDS})(?:\s+[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{0,3}})?(?![{LOWER}])"
    rf"|\s+các\s+(?:xã|phường|thị\s+trấn|huyện|thôn|tỉnh)(?:\s*,\s*(?:xã|phường|thị\s+trấn|đặc\s+khu|thôn|thành\s+phố))*"
    rf"(?:\s+trực\s+thuộc\s+trung\s+ương)?"
)
# Heads whose unit is named by the body that follows: "Chủ tịch Ủy ban nhân dân tỉnh".
_OFFICE_HEADS = ("Chủ tịch", "Phó Chủ tịch", "Phó Chánh Văn phòng", "Lãnh đạo Văn phòng", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Thường trực",
                 "Ban Thường trực", "Văn phòng", "Lãnh đạo", "Trưởng", "Phó Trưởng", "Bí thư", "Chánh Văn phòng",
                 "Vụ trưởng", "Người đứng đầu", "người đứng đầu")
# Party committees that own a board: "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Văn phòng Đảng ủy".
_PARTY_OWNERS = ("Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Thành ủy")
_NEEDS_NAME = ("Sở", "Phòng", "Bộ", "Cục", "Chi cục", "Công chức", "Trung tâm", "Ban", "Tiểu ban", "Báo",
               "Đài Phát thanh", "Văn phòng", "Hội")


def _complete(text: str, start: int, end: int, head: str, deps: dict[tuple[int, int], str]) -> int:
    """Extend a head to the end of the unit's name: department or name components, locality.

    A department found records its gazetteer spelling in ``deps`` under its span."""
    gz = gazetteer()
    dep = gz.department.match(text, end)
    named = False
    if dep:
        end, named = dep.end(), True
        deps[(dep.start("dep"), dep.end("dep"))] = next(gz.departments[int(k[1:])] for k, v in dep.groupdict().items()
                                           if v and k.startswith("d") and k[1:].isdigit())
    elif head.startswith(_OFFICE_HEADS):
        inner = gz.head.match(text, end + 1) if text[end:end + 1] == " " else None
        if inner:
            inner_end = _complete(text, inner.start(), inner.end(), inner.group("head"), deps)
            return inner_end if inner_end > inner.start() else inner.end()  # "Chánh Văn phòng Bộ"
        group = gz.collective.match(text, end + 1) if text[end:end + 1] == " " else None
        if group:
            return group.end()  # "Thủ trưởng các đơn vị thuộc Bộ"
    if not named:
        tail = _NAME_TAIL_RE.match(text, end)
        if tail:
            chunk = tail.group(0)
            inner = gz.head.search(chunk, 1)
            if inner and chunk[: inner.start()].strip() and inner.group("head") not in _PARTY_OWNERS:
                chunk = chunk[: inner.start()].rstrip(" ,-–")  # "UBND tỉnh, Sở Tài chính": two units
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


def canonical_name(raw: str) -> str:
    """Abbreviations expanded, dashes spaced, Uỷ/Ủy unified, notes dropped."""
    name = re.sub(r"\s*\((?:b/c|p/h|t/h|để [^)]*|đ/b)\)\s*$", "", raw.strip(), flags=re.IGNORECASE)
    name = expand_abbreviations(name)
    name = re.sub(r"\s*[-–]\s*", " - ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;.:")
    return name[:1].upper() + name[1:] if name[:1].islower() and not name.startswith("các") else name


def find_mentions(text: str, offset: int = 0) -> list[tuple[Span, str]]:
    """Unit mentions in ``text``: (span, canonical name), non-overlapping, in order.

    Matching runs on the text with abbreviations expanded (UBND, LĐ-TB&XH, NN&MT), and the
    spans are mapped back to the original text."""
    gz = gazetteer()
    expanded, omap = expand_with_map(text)
    deps: dict[tuple[int, int], str] = {}  # department span -> its gazetteer spelling
    found: list[tuple[int, int]] = []
    for m in gz.collective.finditer(expanded):
        end = m.end()
        loc = _LOCALITY_TAIL_RE.match(expanded, end)
        found.append((m.start(), loc.end() if loc else end))
    for m in gz.head.finditer(expanded):
        if any(a <= m.start() < b for a, b in found):
            continue
        end = _complete(expanded, m.start(), m.end(), m.group("head"), deps)
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
        name = canonical_name(raw)
        if len(name) < 3:
            continue
        out.append(((offset + omap.start(a), offset + omap.end(b)), name))
    return out


def _raw_name(expanded: str, a: int, b: int, deps: dict[tuple[int, int], str]) -> str:
    raw = expanded[a:b]
    for (ds, de), dep in deps.items():
        if a <= ds and de <= b:
            # The gazetteer's spelling of the department: "Lao động - Thương binh và Xã hội".
            raw = expanded[a:ds] + dep + expanded[de:b]
    return raw


# A bare locality (no place name): "xã", "các xã, thị trấn", "huyện".
_TRAILING_LOCALITY_RE = re.compile(
    rf"\s(?:các\s+)?(?:{_LOCALITY_WORDS})(?:\s*,\s*(?:xã|phường|thị\s+trấn|thành\s+phố))*$"
)
_SHARED_OFFICE_RE = re.compile(r"^(Thường trực|Ban Thường vụ|Văn phòng|Lãnh đạo)\s")


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
        if locality and fold(bare) in gazetteer().levels:  # only a bare head takes the locality
            names[i - 1] = names[i - 1] + locality.group(0)
    for i in range(1, len(spans)):
        gap = expanded[spans[i - 1][1]:spans[i][0]]
        office = _SHARED_OFFICE_RE.match(names[i - 1])
        if office and re.fullmatch(r"\s*,\s*", gap) and not _SHARED_OFFICE_RE.match(names[i]) \
                and not names[i].lower().startswith("các"):
            names[i] = f"{office.group(1)} {names[i]}"
    return names


def _level(name: str) -> Level | None:
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


@dataclass
class _Registry:
    units: dict[str, Unit]

    def add(self, name: str, span: Span, text: str, page: int | None, role: str | None = None) -> None:
        unit = self.units.get(name)
        if unit is None:
            unit = self.units[name] = Unit(name=name, level=_level(name))
        if not any(m.span == span for m in unit.mentions):
            unit.mentions.append(Mention(text=text, span=span, page=page))
        if role and role not in unit.roles:
            unit.roles.append(role)


# Task tables name their columns: "Cơ quan chủ trì | Cơ quan phối hợp".
_COLUMN_ROLES = [
    ("lead", re.compile(r"chủ\s+trì", re.IGNORECASE)),
    ("coordinate", re.compile(r"phối\s+hợp", re.IGNORECASE)),
    ("implement", re.compile(r"(?:đơn\s+vị|cơ\s+quan)\s+thực\s+hiện|^\s*thực\s+hiện\s*$", re.IGNORECASE)),
]
_ISSUING_FORMULA_RE = re.compile(r"(?:ban\s+hành|xây\s+dựng|lập)\s+(?:Kế\s+hoạch|kế\s+hoạch|Chương\s+trình|Hướng\s+dẫn)", re.IGNORECASE)
_ASSIGN_RE = re.compile(r"(?<!\w)(?:đề\s+nghị|giao|yêu\s+cầu)\s+", re.IGNORECASE)
_SUBJECT_PREFIX_RE = re.compile(r"^(?:[-+•*]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s*)?(?:(?:Giao|Đề nghị|Đối với|Yêu cầu|Riêng)\s+)?", re.IGNORECASE)


def _heading_owners(section: Section) -> list[str]:
    """The units a numbered heading names ("1. Công chức Văn hóa - Thông tin ...", "a) Đối
    với các sở, ban, ngành, UBND các xã, phường"): the first, and those listed with it."""
    if section.kind in ("bullet", "plus", "table") or not section.title:
        return []
    title = re.sub(r"^(?:Giao|Đề nghị|Đối với|Trách nhiệm của|Nhiệm vụ của)\s+", "", section.title, flags=re.IGNORECASE)
    found = find_mentions(title)
    if not found or found[0][0][0] > 2:
        return []
    owners = [found[0][1]]
    for (prev, _), (span, name) in zip(found, found[1:]):
        if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", title[prev[1]:span[0]]):
            owners.append(name)
        else:
            break
    return owners


def find_units(document: Document, exclude: list[Span]) -> tuple[list[Unit], callable]:
    """Units with roles, and ``owner_of(offset) -> (unit name, task)`` for deadlines."""
    text = document.text
    full = text.text
    registry = _Registry({})
    owners: list[tuple[Span, str | None, str]] = []
    co_owners: dict[str, list[str]] = {}

    def visit(sections: list[Section], owner: str | None) -> None:
        for section in sections:
            heading = _heading_owners(section)
            if len(heading) > 1:
                co_owners[heading[0]] = heading[1:]
            own = heading[0] if heading else owner
            para_span = (section.span[0], full.find("\n", section.span[0]) if "\n" in full[section.span[0]:section.span[1]] else section.span[1])
            owners.append((para_span, own, full[para_span[0]:para_span[1]]))
            visit(section.children, own)

    visit(document.sections, None)
    columns: dict[int, str] = {}  # task-table column -> role, from the header row
    for para in text.paragraphs:
        if not document.in_content(para.start) or any(a <= para.start < b for a, b in document.bases):
            continue
        chunk = text.para_text(para)
        if " | " in chunk:
            cells = chunk.split(" | ")
            header = {i: role for i, cell in enumerate(cells) for role, cue in _COLUMN_ROLES if cue.search(cell)}
            if header and not any(find_mentions(c) for i, c in enumerate(cells) if i in header):
                columns = header
                continue
            if columns:
                pos = para.start
                for i, cell in enumerate(cells):
                    for span, name in find_mentions(cell, pos):
                        if not any(a <= span[0] < b for a, b in exclude):
                            registry.add(name, span, full[span[0]:span[1]], para.page, columns.get(i))
                    pos += len(cell) + 3
                continue
        else:
            columns = {}
        if _ISSUING_FORMULA_RE.search(chunk[:400]) and not re.match(r"^(?:[-+•]|\d+\.|[a-zđ]\))", chunk):
            continue  # "UBND xã Hoằng Cát ban hành Kế hoạch ... như sau": the issuer issues
        owner = next((o for (a, b), o, _ in reversed(owners) if a <= para.start <= b), None)
        owner = owner if owner is not None else _enclosing_owner(owners, para.start)
        _roles_in_item(chunk, para.start, para.page, owner, registry, exclude, co_owners.get(owner, []))
    # Nơi nhận: every unit named there receives; "Như trên" / "Như Điều 3" / "Các cơ quan tại
    # Mục V" point at the addressees or at the units of that article or section.
    for start, item in _recipient_items(document):
        for span, name in _pointed_units(document, item):
            registry.add(name, span, full[span[0]:span[1]], text.page_at(span[0]), "receive")
        parts = distribute(item)
        if len(parts) > 1:
            for part in parts:
                for _, name in find_mentions(part):
                    registry.add(name, (start, start + len(item)), item, text.page_at(start), "receive")
            continue
        mentions = find_mentions(item, start)
        whole = _whole_recipient(item)
        if whole and len(mentions) <= 1:
            # One body per line: the line is its name, whatever the gazetteer reaches
            # ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Tòa án nhân dân thành phố").
            mentions = [((start, start + len(item)), whole)]
        for span, name in mentions:
            registry.add(name, span, full[span[0]:span[1]], text.page_at(span[0]), "receive")
    units = [u for u in registry.units.values()]
    for unit in units:
        unit.roles.sort(key=ROLE_ORDER.index)
    units.sort(key=lambda u: u.mentions[0].span[0] if u.mentions else 0)

    # After "Trên đây là Kế hoạch ... Các cơ quan, đơn vị ... triển khai thực hiện." the
    # closing clauses (reporting dates) belong to the units that paragraph names.
    wrap_up: list[tuple[int, str]] = []
    for para in text.paragraphs:
        chunk = text.para_text(para)
        if re.match(r"^Trên\s+đây\s+là", chunk) and document.in_content(para.start):
            named = find_mentions(chunk)
            if named:
                wrap_up.append((para.end, named[0][1]))

    def owner_of(offset: int) -> tuple[str | None, str | None]:
        para = next((p for p in text.paragraphs if p.start <= offset < p.end + 1), None)
        if para is None:
            return None, None
        chunk = text.para_text(para)
        subject = _subject(chunk, para.start)
        after_wrap = [name for end, name in wrap_up if end <= para.start]
        owner = subject or (after_wrap[-1] if after_wrap else _enclosing_owner(owners, para.start))
        task = re.sub(r"^(?:[-+•*]\s*|[a-zđ]\)\s*|\d+(?:\.\d+)*[.)]\s*)", "", chunk)[:200]
        return owner, task

    return units, owner_of


def _enclosing_owner(owners: list[tuple[Span, str | None, str]], offset: int) -> str | None:
    best = None
    for (a, b), owner, _ in owners:
        if a <= offset and owner is not None:
            best = owner
    return best


def _subject(chunk: str, start: int) -> str | None:
    prefix = _SUBJECT_PREFIX_RE.match(chunk)
    pos = prefix.end() if prefix else 0
    found = find_mentions(chunk)
    if found and found[0][0][0] <= pos + 1:
        return found[0][1]
    return None


def _roles_in_item(chunk: str, start: int, page: int | None, owner: str | None,
                   registry: _Registry, exclude: list[Span], co_owners: list[str] = ()) -> None:
    gz = gazetteer()
    mentions = [(s, n) for s, n in find_mentions(chunk, start) if not any(a <= s[0] < b for a, b in exclude)]
    own_subject = _subject(chunk, start)
    subject = own_subject or owner
    lowered = chunk.lower()
    labelled: set[int] = set()
    # "Đơn vị chủ trì: X", "Đơn vị phối hợp: X, Y": the units after the label on this line.
    for role, cue in gz.label_cues.items():
        for m in cue.finditer(chunk):
            line_end = chunk.find("\n", m.end())
            line_end = len(chunk) if line_end == -1 else line_end
            stop = re.search(r"[;.]\s|\s-\s[A-ZĐ]|Đơn vị|Kết quả|Thời gian", chunk[m.end():line_end])
            seg_end = m.end() + (stop.start() if stop else line_end - m.end())
            for i, (span, name) in enumerate(mentions):
                if m.end() <= span[0] - start < seg_end:
                    registry.add(name, span, chunk[span[0] - start:span[1] - start], page, role)
                    labelled.add(i)
    # "chủ trì, phối hợp với X": X coordinates; "phối hợp với X" alone: the subject does.
    lead_at = gz.verb_cues["lead"].search(chunk)
    for m in re.finditer(r"phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+", chunk, re.IGNORECASE):
        clause_end = len(chunk)
        nxt = re.search(r"[;.]|\s(?:để|trong|thực hiện|triển khai|tổ chức|tham mưu|xây dựng|kiểm tra)\s", chunk[m.end():])
        if nxt:
            clause_end = m.end() + nxt.start()
        for i, (span, name) in enumerate(mentions):
            if m.end() <= span[0] - start < clause_end and i not in labelled:
                labelled.add(i)
                if lead_at and lead_at.start() < m.start():
                    registry.add(name, span, chunk[span[0] - start:span[1] - start], page, "coordinate")
                else:
                    registry.add(name, span, chunk[span[0] - start:span[1] - start], page, None)
    # "đề nghị các bộ phận, các phòng, ngành có liên quan, trưởng các thôn quan tâm triển khai":
    # every unit listed after the request implements.
    for m in _ASSIGN_RE.finditer(chunk):
        verb = gz.verb_cues["implement"].search(chunk, m.end())
        stop = verb.start() if verb else len(chunk)
        for i, (span, name) in enumerate(mentions):
            if m.end() <= span[0] - start < stop and i not in labelled:
                labelled.add(i)
                registry.add(name, span, chunk[span[0] - start:span[1] - start], page, "implement")
    # Receivers of reports and advice get no role: "báo cáo (về) UBND", "tham mưu cho UBND".
    for m in re.finditer(r"(?:báo\s+cáo|gửi|tham\s+mưu(?:\s+cho)?|trình|đề\s+xuất(?:\s+với)?)\s+(?:[^;.]{0,60}?\s)?(?:về|cho|lên|với)?\s*", chunk, re.IGNORECASE):
        for i, (span, name) in enumerate(mentions):
            if span[0] - start == m.end() and i not in labelled:
                labelled.add(i)
                registry.add(name, span, chunk[span[0] - start:span[1] - start], page, None)
    if subject is not None:
        subject_roles = []
        for role, cue in gz.verb_cues.items():
            for m in cue.finditer(lowered):
                if role == "coordinate" and lead_at and lead_at.start() < m.start():
                    continue  # the lead's partners coordinate, not the lead
                subject_roles.append(role)
                break
        subj_span = next((s for s, n in mentions if n == subject), None)
        # The units a heading lists together share the item's roles.
        sharers = [subject] + (list(co_owners) if own_subject is None else [])
        for role in subject_roles or ["implement"]:
            if subj_span is not None:
                registry.add(subject, subj_span, chunk[subj_span[0] - start:subj_span[1] - start], page, role)
            for name in sharers[1 if subj_span is not None else 0:]:
                unit = registry.units.get(name)
                if unit is None:
                    unit = registry.units[name] = Unit(name=name, level=_level(name))
                if role not in unit.roles:
                    unit.roles.append(role)
    for i, (span, name) in enumerate(mentions):
        if i not in labelled and name != subject:
            registry.add(name, span, chunk[span[0] - start:span[1] - start], page, None)


_DISTRIBUTIVE_RE = re.compile(r"^(?:[Cc]ác\s+)?(?P<head>[Ss]ở|[Pp]hòng|Bộ|Ban)\s*:\s*(?P<list>.+)$")
_OFFICE_WORDS = r"(?:Phó\s+)?(?:Chủ\s+tịch|Chánh\s+Văn\s+phòng|Giám\s+đốc|Trưởng\s+ban|Bí\s+thư)"
_OFFICES_RE = re.compile(
    rf"^(?P<offices>(?:(?:các\s+)?{_OFFICE_WORDS}\s*,?\s*(?:và\s+)?){{2,}})"
    r"\s+(?P<org>(?:Ủy\s+ban|Hội\s+đồng|Sở|Văn\s+phòng|Ban|Đảng\s+ủy|Tỉnh\s+ủy|Huyện\s+ủy).+)$"
)


@lru_cache(maxsize=None)
def sector_codes() -> dict[str, str]:
    """data/sector_codes.tsv: "NNMT" -> "Nông nghiệp và Môi trường", read only inside a list
    that shares a head ("Các Sở: NNMT, TC, CT"), where "CT" is Công Thương, not Chủ tịch."""
    return {row[0]: row[1] for row in load_tsv("sector_codes.tsv")}


def distribute(item: str) -> list[str]:
    """"Sở: NN&MT, TC, GD&ĐT" names three departments: "Sở Nông nghiệp và Môi trường", "Sở
    Tài chính", "Sở Giáo dục và Đào tạo"; "Chủ tịch, các Phó Chủ tịch UBND tỉnh" and "Chánh
    VP, các PVP UBND tỉnh" name two offices of one body."""
    offices = _OFFICES_RE.match(expand_abbreviations(item.strip()))
    if offices:
        names = re.findall(_OFFICE_WORDS, offices.group("offices"))
        return [f"{n} {offices.group('org')}" for n in names]
    match = _DISTRIBUTIVE_RE.match(item.strip().rstrip(";."))
    if not match:
        return [item]
    head = match.group("head")[:1].upper() + match.group("head")[1:]
    codes = sector_codes()
    # "VH,TT&DL" is one code: split on a comma only where a space follows.
    parts = [p.strip() for p in re.split(r",\s+|;", match.group("list")) if p.strip()]
    # An unknown code ("Phòng: TH, VX" of an office) names nothing we can spell out.
    return [f"{head} {codes.get(p, p)}" for p in parts if p in codes or not re.fullmatch(r"[A-ZĐ&]{1,5}", p)]


# Nơi nhận lines that name no body: the file copy, people, notes.
_NOT_RECIPIENT_RE = re.compile(r"^(?:Lưu\b|Như\s|Đ/c\b|Đồng\s+chí|Ông\s|Bà\s|Website|Trang\s+(?:tin|web))", re.IGNORECASE)


def _whole_recipient(item: str) -> str | None:
    """A Nơi nhận line as one unit's canonical name, notes dropped: "Thường trực Tỉnh ủy (để
    báo cáo)" -> "Thường trực Tỉnh ủy"; None for lines that name no body."""
    line = re.sub(r"\s*\([^)]*\)", "", item).strip(" -–+;.,:")
    if not line or _NOT_RECIPIENT_RE.match(line) or re.search(r"[:,;]|\svà\s+các\s", line) or len(line) > 90:
        return None
    if not line[:1].isupper():
        return None
    return canonical_name(line)


_AS_ABOVE_RE = re.compile(r"^Như\s+trên$", re.IGNORECASE)
_AS_ARTICLE_RE = re.compile(r"^Như\s+(Điều\s+\d+)", re.IGNORECASE)
_SECTION_REF_RE = re.compile(r"(?:tại\s+)?[Mm]ục\s+(?P<inner>\d+\s+)?(?P<roman>[IVXLC]+)\b")


def _pointed_units(document: Document, item: str) -> list[tuple[Span, str]]:
    text = document.text
    spans: list[Span] = []
    if _AS_ABOVE_RE.match(item.strip()):
        for para in text.paragraphs:
            chunk = text.para_text(para)
            if re.match(r"^Kính\s+gửi", chunk):
                spans.append((para.start, para.end))
                following = [p for p in text.paragraphs if p.start > para.start][:12]
                for p in following:
                    if text.para_text(p).startswith(("-", "+", "•")):
                        spans.append((p.start, p.end))
                    else:
                        break
    article = _AS_ARTICLE_RE.match(item.strip())
    ref = _SECTION_REF_RE.search(item)
    for top in document.sections:
        for section in top.walk():
            if article and section.label.lower() == article.group(1).lower():
                spans.append(section.span)
            elif ref and not article:
                wanted = ref.group("roman") + (f".{ref.group('inner').strip()}" if ref.group("inner") else "")
                if section.path == wanted:
                    spans.append(section.span)
    found = []
    for a, b in spans:
        found.extend((s, n) for s, n in find_mentions(text.text[a:b], a))
    return found


def _recipient_items(document: Document) -> list[tuple[int, str]]:
    """(offset, text) of each Nơi nhận item in the normalized text."""
    text = document.text.text
    out = []
    for item in document.header.recipients:
        idx = text.rfind(item)
        if idx != -1:
            out.append((idx, item))
    return out
