"""Roles read from one item of a plan: its subject (the unit it opens with), the roles its
verbs give that subject, and the clause readers for the units its other clauses place
(labels, partners of "phối hợp với", passive agents, requests, receivers).

Split off units.py, which finds the items and their heading owners and calls
``_roles_in_item`` on each; the names stay private to the two modules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..models import Span
from .mentions import find_mentions, gazetteer

if TYPE_CHECKING:
    from .units import _Registry


_SUBJECT_PREFIX_RE = re.compile(
    r"^(?:[-+•*]\s*|[a-zđ][.)]\s*|\d+(?:\.\d+)*[.)]\s*|Điều\s+\d+\.\s*)?(?:(?:Giao|Đề nghị|Đối với|Yêu cầu|Riêng)\s+)?"
    # "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch ...": the person's Party post is an
    # apposition; the office after it is the subject.
    r"(?:Căn\s+cứ\s+[^,;]{3,60},\s*)?"  # "Căn cứ kế hoạch này, Giám đốc các Sở, ... xây dựng"
    # "Trên cơ sở tài liệu do Trung ương biên soạn, các cơ quan, đơn vị tổ chức ..."; "Trong quá
    # trình thực hiện, nếu có khó khăn, vướng mắc các cơ quan ... kịp thời phản ánh".
    r"(?:Trên\s+cơ\s+sở\s+[^,;]{3,80},\s*)?"
    r"(?:Trong\s+quá\s+trình\s+(?:tổ\s+chức\s+)?(?:thực\s+hiện|triển\s+khai)[^,;]{0,40},\s*(?:nếu\s+có\s+khó\s+khăn(?:,\s*vướng\s+mắc)?,?\s*)?)?"
    # "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ, Sở Công Thương tổ chức sơ kết": the time comes
    # first (its parts are lower case; the subject's name is not).
    r"(?:(?:Định\s+kỳ|Hằng\s+năm|Hàng\s+năm|Hằng\s+quý|Hàng\s+quý|Hằng\s+tháng|Hàng\s+tháng)(?:(?-i:[^,;.A-ZĐ]){0,30},\s*){1,4})?"
    r"(?:(?:các\s+)?(?:đồng\s+chí|đ/c)\s+)?(?:(?:Ủy|Uỷ)\s+viên\s+[^,;]{3,60},\s*)?"
    # "Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung": the office after the person's
    # name is the subject (people are not units).
    r"(?:(?:Ông|Bà|Đồng\s+chí|Đ/c)\.?\s+(?:\w+\s+){1,5}?[-–]\s*)?", re.IGNORECASE)


def _subject(chunk: str) -> str | None:
    """The unit an item opens with, past its number and what may come before the subject
    (``_SUBJECT_PREFIX_RE``): that unit, not the heading's, does the item's task."""
    prefix = _SUBJECT_PREFIX_RE.match(chunk)
    pos = prefix.end() if prefix else 0
    first = next((f for f in find_mentions(chunk) if f[0][0] >= pos - 1), None)
    # "Các thành viên Đoàn thực hiện": the name starts after the plural.
    plural = re.match(r"các\s+(?:ông\s+bà\s+|ông\s+|bà\s+)?", chunk[pos:], re.IGNORECASE)  # "Các ông bà Phó Chủ tịch"
    if first and first[0][0] <= pos + (plural.end() if plural else 1):
        return first[1]
    return None


def _mask(chunk: str, mentions: list[tuple[Span, str]], start: int) -> str:
    """``chunk`` with the unit names blanked: verbs inside names ("Ban Xây dựng Đảng", "Ủy ban
    Kiểm tra") are not the item's verbs."""
    masked = list(chunk)
    for (a, b), _ in mentions:
        masked[a - start:b - start] = _UNIT_MARK * (b - a)
    return "".join(masked)


_UNIT_MARK = "§"  # stands for a unit name in a masked item
_UNIT_MARK_RE = re.compile(rf"{_UNIT_MARK}+|\b(?:và|các)\b")
# Monitoring is of others: "kiểm tra, đôn đốc các sở", "giám sát việc thực hiện"; "tăng cường
# kiểm tra, phát hiện vi phạm" is the task itself.
_MONITORED_RE = re.compile(rf"[^.;]{{0,80}}?(?:{_UNIT_MARK}|\bviệc\b|kết\s+quả|tiến\s+độ|tình\s+hình|thực\s+hiện)", re.IGNORECASE)
# What is watched, right after the cue (and the cues listed with it): "kiểm tra, giám sát chặt
# chẽ hoạt động khai thác", "kiểm tra các cơ sở", "giám sát quá trình bầu cử", "kiểm tra, kiểm
# soát thị trường", "kiểm tra, giám sát, theo dõi để kịp thời phát hiện (vi phạm)".
_MONITORED_NEAR_RE = re.compile(
    r"(?:\s*,?\s*(?:và\s+)?(?:kiểm\s+tra|giám\s+sát|theo\s+dõi|đôn\s+đốc|thanh\s+tra|kiểm\s+soát))*\s*"
    r"(?:chặt\s+chẽ\s+|thường\s+xuyên\s+(?:và\s+đột\s+xuất\s+)?|định\s+kỳ\s+(?:và\s+đột\s+xuất\s+)?)?"
    r"(?:hoạt\s+động|quá\s+trình|chấp\s+hành|tuân\s+thủ|thị\s+trường|để\s+kịp\s+thời|đối\s+với"
    r"|các\s+(?:cơ\s+sở|tổ\s+chức|đơn\s+vị|doanh\s+nghiệp|dự\s+án|công\s+trình|phương\s+tiện|mỏ|hộ|cá\s+nhân))", re.IGNORECASE)


# "để triển khai thực hiện": the verbs of a purpose clause.
_PURPOSE_BEFORE_RE = re.compile(r"(?<!\w)để\s+(?:(?:triển\s+khai|tổ\s+chức|thực\s+hiện)\s+)*$")
# "giám sát việc thực hiện", "kiểm tra, đôn đốc tiến độ triển khai": the task watched, not one done.
_WATCHED_BEFORE_RE = re.compile(r"(?:kiểm\s+tra|giám\s+sát|đôn\s+đốc|theo\s+dõi)(?:,?\s+(?:và\s+)?(?:kiểm\s+tra|giám\s+sát|đôn\s+đốc|theo\s+dõi|đánh\s+giá|hướng\s+dẫn))*"
                                r"\s+(?:chặt\s+chẽ\s+)?(?:việc|tiến\s+độ|kết\s+quả|tình\s+hình)(?:\s+(?:tổ\s+chức|triển\s+khai))?\s+$")
# A partner list right before a task verb: "phối hợp với §§§, §§§ triển khai ...".
_PARTNERS_BEFORE_RE = re.compile(rf"(?:phối|kết)\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với|cùng)\s+(?:[{_UNIT_MARK},;\s]|và\s|các\s|triển\s+khai\s|thực\s+hiện\s|tổ\s+chức\s)+$")


# A collective of the kinds the law regulates, described by the activity it is regulated for.
_REGULATED_TAIL_RE = re.compile(r"\s+(?:có\s+(?!liên)|được\s+cấp|hoạt\s+động|khai\s+thác|kinh\s+doanh|sản\s+xuất|vận\s+chuyển|chế\s+biến"
                                r"|còn\s+nợ|vi\s+phạm|sử\s+dụng)", re.IGNORECASE)
_REGULATED_KINDS_RE = re.compile(r"^(?:các\s+)?(?:(?:tổ\s+chức|cá\s+nhân|đơn\s+vị|doanh\s+nghiệp|cơ\s+sở|hộ)(?:,\s*|\s+và\s+)?)+", re.IGNORECASE)


def _regulated(name: str, after: str) -> bool:
    """A regulated party: kinds of bodies described by the activity the law regulates, after
    the name ("các tổ chức, cá nhân | có thuyền khai thác") or inside it ("các đơn vị hoạt
    động khai thác khoáng sản", "các tổ chức, cá nhân hoạt động khoáng sản")."""
    kinds = _REGULATED_KINDS_RE.match(name)
    if not kinds:
        return False
    described = after if kinds.end() == len(name) else " " + name[kinds.end():].lstrip()
    return bool(_REGULATED_TAIL_RE.match(described))


_REPORT_RECEIVER_RE = re.compile(rf"(?:báo\s+cáo|gửi(?:\s+báo\s+cáo)?|phản\s+ánh)\s+(?:về\s+|cho\s+|lên\s+)?{_UNIT_MARK}+\s*,?\s+để\s+",
                                 re.IGNORECASE)


_LECTURER_RE = re.compile(r"\s+viên(?!\w)")  # "báo cáo viên", "tuyên truyền viên": people, not verbs
_CLAUSE_END_RE = re.compile(r"[;.](?:\s|$)")


def _clause_end(chunk: str, pos: int) -> int:
    found = _CLAUSE_END_RE.search(chunk, pos)
    return found.start() if found else len(chunk)


_DUTY_RE = re.compile(r"(?:có|chịu)\s+trách\s+nhiệm\s+(?!trước)(?:chủ\s+động\s+|phối\s+hợp\s+|kịp\s+thời\s+)?")


def _verb_roles(chunk: str) -> list[str]:
    """The roles the verbs of an item give its subject, in cue order."""
    gz = gazetteer()
    lowered = chunk.lower()
    lead_at = gz.verb_cues["lead"].search(lowered)
    lead_spans = [m.span() for m in gz.verb_cues["lead"].finditer(lowered)]
    # "báo cáo Sở Xây dựng để tổng hợp, tham mưu Ủy ban nhân dân tỉnh": what follows the body
    # reported to is that body's work, up to the end of the clause.
    receiver_spans = [(m.end(), _clause_end(chunk, m.end())) for m in _REPORT_RECEIVER_RE.finditer(chunk)]
    roles = []
    for role, cue in gz.verb_cues.items():
        for m in cue.finditer(lowered):
            if role != "lead" and any(a <= m.start() < b for a, b in lead_spans):
                continue  # "chỉ đạo" of "chỉ đạo chung"
            if any(a <= m.start() < b for a, b in receiver_spans):
                continue
            if _LECTURER_RE.match(lowered, m.end()):
                continue  # "báo cáo viên, tuyên truyền viên": lecturers, not reporting
            if role == "lead" and re.search(r"được\s+(?:phân\s+công\s+|giao\s+)?$", lowered[max(0, m.start() - 20):m.start()]):
                continue  # "các sở, ngành được phân công chủ trì thực hiện nhiệm vụ": who they are, not the task
            if role == "coordinate" and lead_at and lead_at.start() < m.start():
                continue  # the lead's partners coordinate, not the lead
            # ("đôn đốc" urges others whatever follows it.)
            if role == "monitor" and not m.group(0).startswith("đôn") and (
                    lowered[max(0, m.start() - 6):m.start()].endswith("người ")
                    or not (_MONITORED_RE.match(chunk, m.end()) or _MONITORED_NEAR_RE.match(chunk, m.end()))):
                # ("nhiều người theo dõi": viewers, not a task.)
                continue
            if role == "implement" and (_PARTNERS_BEFORE_RE.search(lowered, 0, m.start())
                                        or _PURPOSE_BEFORE_RE.search(lowered, max(0, m.start() - 40), m.start())
                                        or _WATCHED_BEFORE_RE.search(lowered, max(0, m.start() - 60), m.start())):
                # "phối hợp với các cơ quan triển khai": the joint task is coordination; "tham
                # mưu các giải pháp ... để triển khai": a purpose, not the unit's task.
                continue
            roles.append(role)
            break
    # "có trách nhiệm lập kế hoạch, dự toán ...": a duty whose verb is none of the cues is a
    # task to do ("có trách nhiệm tham mưu" is the cue's role only).
    duty = _DUTY_RE.search(lowered)
    if duty and "implement" not in roles and not any(
            cue.match(lowered, duty.end()) for cue in gz.verb_cues.values()):
        roles.append("implement")
    return roles


def _first_verb_role(text: str) -> str | None:
    """The role of the first role verb in ``text`` (before any other)."""
    best = None
    lowered = text.lower()
    for role, cue in gazetteer().verb_cues.items():
        m = next((x for x in cue.finditer(lowered) if not _LECTURER_RE.match(lowered, x.end())), None)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), role)
    return best[1] if best else None


_RECEIVER_RE = re.compile(r"(?:báo\s+cáo|gửi|tham\s+mưu(?:\s+cho)?|trình|đề\s+xuất(?:\s+với)?|phản\s+ánh|chịu\s+trách\s+nhiệm\s+trước|của)"
                          # ("báo cáo kết quả về X", "báo cáo X": the words before a preposition only.)
                          r"\s+(?:[^;.]{0,60}?\s(?=(?:về|cho|lên|với)\s))?(?:(?:về|cho|lên|với)\s+)?", re.IGNORECASE)


@dataclass
class _Item:
    """One item as the clause readers see it: its text, the units it names, and which of those
    a reader has already given a role (``labelled``): a later reader leaves them alone, so the
    readers' order in ``_roles_in_item`` decides which clause wins."""
    chunk: str
    start: int  # the item's offset in the document: mention spans are document offsets
    page: int | None
    mentions: list[tuple[Span, str]]
    registry: _Registry
    labelled: set[int] = field(default_factory=set)

    def at(self, span: Span) -> int:
        """Where a mention starts in the item's text."""
        return span[0] - self.start

    def end(self, span: Span) -> int:
        """Where a mention ends in the item's text."""
        return span[1] - self.start

    def in_name(self, pos: int) -> bool:
        """Whether item offset ``pos`` falls inside a unit's name (a verb there is the name's)."""
        return any(a <= pos + self.start < b for (a, b), _ in self.mentions)

    def record(self, span: Span, name: str, role: str | None) -> None:
        """The unit ``name``, written at ``span``, gets ``role`` (None: the mention only)."""
        self.registry.add(name, span, self.chunk[self.at(span):self.end(span)], self.page, role)

    def give(self, i: int, role: str | None) -> None:
        """Mention ``i`` gets ``role`` and is taken: no later reader gives it another."""
        span, name = self.mentions[i]
        self.labelled.add(i)
        self.record(span, name, role)

    @cached_property
    def masked(self) -> str:
        return _mask(self.chunk, self.mentions, self.start)

    @cached_property
    def unit_starts(self) -> set[int]:
        return {self.at(span) for span, _ in self.mentions}

    @cached_property
    def receiver_starts(self) -> set[int]:
        # The body reported to or advised ("... báo cáo Chủ tịch UBND tỉnh") is not on a label's list.
        return {m.end() for m in _RECEIVER_RE.finditer(self.chunk)}


def _roles_in_item(chunk: str, start: int, page: int | None, owner: str | None,
                   registry: _Registry, exclude: list[Span], co_owners: list[str] = ()) -> None:
    """The roles an item's clauses give the units it names. Explicit clauses (labels, partners,
    passive agents, requests, receivers) are read before the subject's verbs, since a unit one
    of them places is not the subject's fellow; what no reader places keeps its mention only."""
    mentions = [(s, n) for s, n in find_mentions(chunk, start) if not any(a <= s[0] < b for a, b in exclude)]
    item = _Item(chunk, start, page, mentions, registry)
    own_subject = _subject(chunk)
    _read_role_labels(item)
    _read_partners(item)
    _read_passive_agents(item)
    _read_requests(item)
    _read_receivers(item)
    subject = _acting_subject(item, own_subject, owner)
    if subject is not None:
        _read_subject(item, subject, own_subject, co_owners)
    for i, (span, name) in enumerate(mentions):
        if i not in item.labelled and name != subject:
            item.record(span, name, None)


_LABEL_LIST_END_RE = re.compile(r"[;.]\s+|\s-\s[A-ZĐ]|Đơn vị|Kết quả|Thời gian")


def _read_role_labels(item: _Item) -> None:
    """"Đơn vị chủ trì: X", "Đơn vị phối hợp: X, Y": a label names the role of the units after
    it on its line, whatever the item's verbs say."""
    chunk = item.chunk
    for role, cue in gazetteer().label_cues.items():
        for m in cue.finditer(chunk):
            line_end = chunk.find("\n", m.end())
            line_end = len(chunk) if line_end == -1 else line_end
            # "Cơ quan thực hiện: Sở A; Sở B; Báo C": a semicolon before another unit goes on
            # with the list.
            stop = next((x for x in _LABEL_LIST_END_RE.finditer(chunk[m.end():line_end])
                         if not (x.group(0).startswith(";") and m.end() + x.end() in item.unit_starts)), None)
            list_end = m.end() + (stop.start() if stop else line_end - m.end())
            for i, (span, _) in enumerate(item.mentions):
                if m.end() <= item.at(span) < list_end and item.at(span) not in item.receiver_starts:
                    item.give(i, role)


_PARTNERS_RE = re.compile(r"(?:phối|kết)\s+hợp\s+(?:chặt\s+chẽ\s+)?(?P<with>(?:với|cùng)\s+)?", re.IGNORECASE)
# The partners end with the clause or the task's verb.
_PARTNERS_END_RE = re.compile(r"[;.]|\s(?:để|trong|thực hiện|triển khai|tổ chức|tham mưu|xây dựng|kiểm tra)\s")


def _read_partners(item: _Item) -> None:
    """"A chủ trì, phối hợp với B" and "A phối hợp với B": B works with A on the task
    (guideline 1.2: B coordinates even where it leads elsewhere); A's own role comes from its
    verbs, in ``_read_subject``."""
    chunk = item.chunk
    verb_cues = gazetteer().verb_cues.values()
    for m in _PARTNERS_RE.finditer(chunk):
        if not m.group("with") and m.end() not in item.unit_starts:
            continue  # "Phối hợp chặt chẽ lực lượng Công an ...": the partner may follow at once
        if re.search(r"(?<!\w)(?:việc|sự)\s+$", chunk[max(0, m.start() - 6):m.start()], re.IGNORECASE):
            continue  # "vai trò chủ trì của Bộ Công an trong việc phối hợp với các bộ": a statement, no task
        # A verb inside a name ("các tổ chức chính trị - xã hội") does not end the partners.
        clause_end = next((m.end() + n.start() for n in _PARTNERS_END_RE.finditer(chunk[m.end():])
                           if not item.in_name(m.end() + n.start() + 1)), len(chunk))
        prev_end = m.end()
        for i, (span, _) in enumerate(item.mentions):
            if m.end() <= item.at(span) < clause_end and i not in item.labelled:
                # A task verb ends the partners: in "phối hợp với Sở Tài chính hướng dẫn các cơ
                # quan, tổ chức ..." the bodies guided are no partners.
                gap = chunk[prev_end:item.at(span)].lower()
                if any(cue.search(gap) for cue in verb_cues):
                    break
                prev_end = item.end(span)
                item.give(i, "coordinate")


def _read_passive_agents(item: _Item) -> None:
    """"Xe ô tô do Văn phòng Sở bố trí", "do Sở Tài chính chủ trì": the agent of a passive does
    the task, though it is not the item's subject."""
    chunk = item.chunk
    for m in re.finditer(r"(?<!\w)do\s+(?:các\s+)?", chunk):
        for i, (span, _) in enumerate(item.mentions):
            if item.at(span) == m.end() and i not in item.labelled:
                after = item.end(span)
                verbs = _verb_roles(item.masked[after:after + 30])
                if verbs and chunk[after:after + 30].split()[:1] != ["và"]:
                    item.give(i, "lead" if verbs[0] == "lead" else "implement")


# "đề nghị/giao/yêu cầu X ..." and "chỉ đạo X tuyên truyền": X does the task ("theo chỉ đạo
# của X" and "Ban Chỉ đạo" do not assign).
_ASSIGN_RE = re.compile(
    r"(?<!\w)(?:đề\s+nghị|(?<!được\s)(?<!bàn\s)giao(?!\s+(?:thông|dịch|lưu|tiếp|nhận|thương|ban))|(?<!bảo\s)(?<!đảm\s)(?<!ứng\s)yêu\s+cầu(?!\s+(?:về|của)\s)"
    r"|(?<![Bb]an\s)(?<!sự\s)(?P<direct>chỉ\s+đạo|đôn\s+đốc|hướng\s+dẫn|phân\s+công(?:\s+cho)?))\s+", re.IGNORECASE)


def _read_requests(item: _Item) -> None:
    """"đề nghị các bộ phận, các phòng, ngành có liên quan, trưởng các thôn quan tâm triển khai":
    the units a request (đề nghị, giao, yêu cầu, chỉ đạo ...) lists do the task it asks for, not
    the unit that asks."""
    for m in _ASSIGN_RE.finditer(item.chunk):
        # "chỉ đạo X làm T" assigns only when X follows at once ("chỉ đạo thống nhất của X" does not).
        if m.group("direct") and m.end() not in item.unit_starts:
            continue
        stop = _request_list_end(item, m.end())
        assigned = _requested_units(item, m.end(), stop)
        if not assigned:
            continue
        roles = _requested_roles(item, item.end(item.mentions[assigned[-1]][0]), stop)
        for i in assigned:
            for role in roles:
                item.give(i, role)


def _request_list_end(item: _Item, pos: int) -> int:
    """Where the units a request names at ``pos`` must end: at the first task verb that is not
    part of a name ("Ban Xây dựng Đảng"), or with the clause ("đề nghị X phản ánh về Y; ...
    trình Z" asks X only)."""
    verb = next((v for v in gazetteer().verb_cues["implement"].finditer(item.chunk, pos)
                 if not item.in_name(v.start())), None)
    return min(verb.start() if verb else len(item.chunk), _clause_end(item.chunk, pos))


def _requested_units(item: _Item, pos: int, stop: int) -> list[int]:
    """The mentions a request asks, the list right after it: "đề nghị X, Y phản ánh về Z" asks
    X and Y, not Z; regulated parties made to comply are no units (guideline 1.4)."""
    chunk = item.chunk
    assigned = [i for i, (span, _) in enumerate(item.mentions)
                if pos <= item.at(span) < stop and i not in item.labelled]
    for k in range(1, len(assigned)):
        gap = chunk[item.end(item.mentions[assigned[k - 1]][0]):item.at(item.mentions[assigned[k]][0])]
        # ("các phòng chuyên môn, lực lượng Công an xã": a force named by its body.)
        if not re.fullmatch(r"\s*(?:,|;|và|,\s*và)?\s*(?:các\s+|cho\s+|lực\s+lượng\s+)?", gap, re.IGNORECASE):
            assigned = assigned[:k]
            break
    # "hướng dẫn các tổ chức, cá nhân có thuyền khai thác ... thực hiện", "đôn đốc các tổ chức,
    # đơn vị khai thác khoáng sản còn nợ ... nộp".
    return [i for i in assigned if not _regulated(item.mentions[i][1], chunk[item.end(item.mentions[i][0]):])]


def _requested_roles(item: _Item, list_end: int, stop: int) -> list[str]:
    """The roles of the units a request asks, read from the task after their list (which
    ends at ``list_end``; the request's own clause at ``stop``): "chỉ đạo X chủ động tham mưu
    ..., phối hợp ... kiểm tra" makes X advise, coordinate and monitor; "implement" only when
    the task has no other role verb, or one of its own."""
    sentence_end = item.chunk.find(". ", stop)
    extra = _duties_after_request(item.masked, stop, sentence_end)
    # "đề nghị các tổ chức, cá nhân liên quan phối hợp, triển khai": asked to work together.
    if re.match(r"\s*(?:chủ\s+động\s+|tích\s+cực\s+)?phối\s+hợp(?!\s+(?:với|cùng))", item.chunk[list_end:], re.IGNORECASE):
        extra.append("coordinate")
    after = item.masked[list_end:sentence_end if sentence_end != -1 else None]
    # "đề nghị X kịp thời phản ánh về Y": X reports; the task's first verb decides.
    first = "report" if re.match(r"\s*(?:kịp\s+thời\s+)?phản\s+ánh", after, re.IGNORECASE) else _first_verb_role(after)
    if first == "report":
        return extra if "report" in extra else [*extra, "report"]
    clause_roles = [r for r in _verb_roles(after) if r != "lead" or first == "lead"]
    return [*([r for r in clause_roles if r not in extra] or ["implement"]), *extra]


_LATER_REPORT_RE = re.compile(r"(?<!\w)(?:phản\s+ánh|báo\s+cáo)(?!\w)", re.IGNORECASE)


def _duties_after_request(masked: str, stop: int, sentence_end: int) -> list[str]:
    """Report and monitor duties the rest of a request's sentence, or the later sentences that
    name no unit of their own, put on the units asked: "... triển khai thực hiện; định kỳ ...
    báo cáo kết quả"."""
    duties = [r for r in _verb_roles(masked[stop:sentence_end if sentence_end != -1 else None])
              if r in ("report", "monitor")]
    # "... yêu cầu X triển khai thực hiện Kế hoạch này. Trong quá trình thực hiện, nếu có khó
    # khăn, vướng mắc, kịp thời phản ánh về Y": the later sentences without a unit of their
    # own before the verb still speak to X (guideline 1.4: X phản ánh về Y gives X report).
    later = masked[sentence_end + 1:] if sentence_end != -1 else ""
    cue = _LATER_REPORT_RE.search(later)
    if cue and _UNIT_MARK not in later[:cue.start()] and "report" not in duties:
        duties.append("report")
    # ("... Tăng cường công tác kiểm tra, giám sát, đôn đốc thực hiện Chương trình": monitor too.)
    unit_at = later.find(_UNIT_MARK)
    if "monitor" not in duties and "monitor" in _verb_roles(later[:unit_at] if unit_at != -1 else later):
        duties.append("monitor")
    return duties


def _read_receivers(item: _Item) -> None:
    """"báo cáo (về) UBND", "tham mưu cho UBND": the body reported to or advised is named, but
    the item's task is not its own, so it gets no role."""
    for i, (span, _) in enumerate(item.mentions):
        if item.at(span) in item.receiver_starts and i not in item.labelled:
            item.give(i, None)


def _acting_subject(item: _Item, own_subject: str | None, owner: str | None) -> str | None:
    """Who does the item's task: the unit it opens with, else its heading's unit; none where the
    opening unit only hands the task on or is a regulated party told to comply."""
    opens_with_own = own_subject is not None and item.mentions and item.mentions[0][1] == own_subject
    if not opens_with_own:
        return own_subject or owner
    (span, _), chunk = item.mentions[0], item.chunk
    # "UBND tỉnh yêu cầu các Sở ... triển khai": the requester hands the task on.
    # ("Các Phó Chủ tịch chỉ đạo thực hiện" is their own task: no unit follows the verb.)
    handed = re.match(r"\s*(?:yêu\s+cầu|đề\s+nghị|giao|chỉ\s+đạo)\s+(?:cho\s+)?(?:các\s+)?",
                      chunk[item.end(span):], re.IGNORECASE)
    hands_on = handed and len(item.mentions) > 1 and item.at(item.mentions[1][0]) <= item.end(span) + handed.end()
    if hands_on:
        item.record(span, own_subject, None)
    # "- Yêu cầu các đơn vị hoạt động khai thác khoáng sản lắp đặt ...": a regulated party made
    # to comply is no unit (guideline 1.4).
    regulated = re.match(r"^(?:[-+•*]\s*)?Yêu\s+cầu\s", chunk, re.IGNORECASE) \
        and _regulated(own_subject, chunk[item.end(span):])
    return None if hands_on or regulated else own_subject or owner


def _read_subject(item: _Item, subject: str, own_subject: str | None, co_owners: list[str]) -> None:
    """The subject's roles come from the item's verbs: "Sở Tư pháp chủ trì ..." leads. The
    units listed with it, and a heading's co-owners when the item names no subject, share them."""
    subj_index = next((i for i, (_, name) in enumerate(item.mentions) if name == subject), None)
    subj_span = item.mentions[subj_index][0] if subj_index is not None else None
    # The item's own subject does what follows it: "Trong quá trình thực hiện, ... các cơ quan
    # kịp thời phản ánh" is no "thực hiện" of theirs.
    predicate_start = item.at(subj_span) if own_subject is not None and subj_span is not None else 0
    subject_roles = _verb_roles(item.masked[predicate_start:])
    # The units a heading lists together share the item's roles, and so do the units
    # an item opens with ("Giám đốc các Sở, Thủ trưởng các ngành, UBND các xã xây dựng").
    sharers = [subject] + (list(co_owners) if own_subject is None else [])
    listed = _listed_with_subject(item, subj_index) if own_subject is not None and subj_index is not None else []
    bare_heading = own_subject is not None and _names_no_task(item)
    for role in subject_roles or ([] if bare_heading else ["implement"]):
        for i in listed:
            item.give(i, role)
        if subj_span is not None:
            item.record(subj_span, subject, role)
        for name in sharers[1 if subj_span is not None else 0:]:
            item.registry.give(name, role)


def _listed_with_subject(item: _Item, subj_index: int) -> list[int]:
    """The mentions listed right after the subject ("Sở A, Sở B và UBND các xã triển khai"):
    taken now, even if the item turns out to give no role, as they are the subject's fellows."""
    listed = []
    for i in range(subj_index + 1, len(item.mentions)):
        gap = item.chunk[item.end(item.mentions[i - 1][0]):item.at(item.mentions[i][0])]
        # "Đối với Đoàn kiểm tra: Các thành viên Đoàn thực hiện": the body and its members.
        if i in item.labelled or not re.fullmatch(r"\s*(?:,|;|và|,\s*và|:)\s*(?:các\s+)?", gap, re.IGNORECASE):
            break
        listed.append(i)
        item.labelled.add(i)
    return listed


_QUOTA_RE = re.compile(r"^[^:]{0,40}:\s*(?:(?:không\s+quá|tối\s+đa|không\s+vượt\s+quá)\s+|mỗi\s+[^,;.:]{0,20}?xét\s+chọn\s+)\d+\s*"
                       r"(?:cá\s+nhân|tập\s+thể|người|đại\s+biểu|suất)", re.IGNORECASE)


def _names_no_task(item: _Item) -> bool:
    """A heading that only names its unit ("3. Sở Tài chính") gives no role itself: its items
    do; nor does a quota for the body ("- Ủy ban bầu cử của tỉnh: Không quá 05 cá nhân")."""
    rest = _UNIT_MARK_RE.sub("", _SUBJECT_PREFIX_RE.sub("", item.masked, count=1))
    return not re.search(r"[^\W\d_]", rest) or bool(_QUOTA_RE.search(rest))
