"""Legal citations: find symbols with regexes built from data, read the type word before
and the date and issuer after, resolve short forms (eyecite's find -> resolve -> annotate).

>>> from analyzer.extract.citations import parse_symbol_text
>>> parse_symbol_text("30- KH-TU")
('30', '30-KH/TU')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import load_tsv, load_yaml
from ..models import Citation, Document
from ..structure.header import DocType, doc_types, iso_date, type_from_symbol
from ..structure.issuer import expand_abbreviations
from ..vietnamese import LOWER, UPPER, fold

_WINDOW_LEFT = 180
_TEMPLATE_RE = re.compile(r"\$([a-z_]+)")


def _expand(pattern: str, templates: dict[str, str]) -> str:
    for _ in range(5):  # templates may refer to templates
        pattern = _TEMPLATE_RE.sub(lambda m: f"(?:{templates[m.group(1)]})", pattern)
    return pattern


@dataclass(frozen=True)
class Grammar:
    symbol: re.Pattern
    forms: dict[str, re.Pattern]
    dates: tuple[re.Pattern, ...]
    type_word: re.Pattern
    issuer_stop: re.Pattern
    issuer_titles: re.Pattern
    short_self: re.Pattern
    short_previous: re.Pattern
    named: re.Pattern
    name_stop: re.Pattern
    numbered: re.Pattern
    not_before: re.Pattern
    party_issuers: frozenset


@lru_cache(maxsize=None)
def grammar() -> Grammar:
    data = load_yaml("citations.yaml")
    templates = data["templates"]
    forms = {f["name"]: _expand(f["pattern"], templates) for f in data["symbol_forms"]}
    # A symbol is not glued to letters or digits on either side ("số93/KH" is tolerated).
    symbol = re.compile(
        rf"(?<![\w/.-])(?:{'|'.join(f'(?P<{n}>{p})' for n, p in forms.items())})(?![\w/])(?!-\w)"
    )
    names = sorted({n for dt in doc_types() for n in _type_names(dt)}, key=len, reverse=True)
    type_word = re.compile(rf"(?<!\w)(?P<type>{'|'.join(re.escape(n) for n in names)})(?!\w)", re.IGNORECASE)
    stops = sorted(data["issuer_stops"], key=len, reverse=True)
    type_alt = "|".join(re.escape(n) for n in names)
    issuer_stop = re.compile(
        rf"\s+(?:{'|'.join(re.escape(s) for s in stops)})(?!\w)|\s*[;.():“”\"\n]|$"
        # A comma ends the issuer unless a co-issuer follows ("của UBTVQH, Chính phủ và ...").
        rf"|\s*,(?!\s*(?:Chính phủ|Đoàn Chủ tịch|Ủy ban|Bộ|Tòa án|Viện kiểm sát)\b)"
        rf"|\s+và\s+(?=(?:{type_alt})\b)",  # "của Chính phủ và Kế hoạch số ...": a second citation
        re.IGNORECASE,
    )
    titles = re.compile(rf"^(?:{'|'.join(re.escape(t) for t in data['issuer_titles'])})\s+(?=[{UPPER}])")
    short = data["short_forms"]
    ref = data["numbered_reference"]
    numbered = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in ref['words'])})\s+số\s*:?\s*(?P<sym>\d[^\s,;()]*|[A-ZĐ][^\s,;()]*\d[^\s,;()]*)")
    not_before = re.compile(rf"(?:{'|'.join(re.escape(w) for w in sorted(data['not_citation_before'], key=len, reverse=True))})\s*:?\s*$")
    named_types = "|".join(re.escape(t) for t in sorted(data["named_types"], key=len, reverse=True))
    # Only the type word is consumed, so "Luật A, Luật B" yields both names.
    named = re.compile(rf"(?<!\w)(?P<type>{named_types})\s+(?=[{UPPER}]|(?:sửa|sử)\s+đổi)")
    name_stops = sorted(data["name_stops"], key=len, reverse=True)
    # A comma ends the name only before a new item ("Luật A, Luật B") or the number/date;
    # names have commas of their own ("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ").
    name_stop = re.compile(
        rf"\s+(?:{'|'.join(re.escape(s) for s in name_stops)})(?!\w)|\s*[;.():“”\"\n]"
        rf"|,\s*(?=[{UPPER}]|(?:số|ngày|các|những|bao gồm|hội nghị|trong|theo|nhằm|để|đồng thời|kể cả|bảo đảm|đảm bảo)\b)"
        rf"|\s+(?:19|20)\d{{2}}\b|$"
    )
    return Grammar(
        symbol=symbol,
        forms={n: re.compile(rf"^(?:{p})$") for n, p in forms.items()},
        dates=tuple(re.compile(d["pattern"]) for d in data["date_forms"]),
        type_word=type_word,
        issuer_stop=issuer_stop,
        issuer_titles=titles,
        short_self=re.compile(rf"^\s+{short['self']}(?!\w)"),
        short_previous=re.compile(rf"^\s+(?:số\s+\S+\s+)?{short['previous']}(?!\w)"),
        named=named,
        name_stop=name_stop,
        numbered=numbered,
        not_before=not_before,
        party_issuers=frozenset(data["party_issuers"]),
    )


def _type_names(dt: DocType) -> list[str]:
    entry = next(t for t in load_yaml("doc_types.yaml")["types"] if t["code"] == dt.code)
    return [entry["name"], *entry.get("aliases", [])]


@lru_cache(maxsize=None)
def _type_by_name() -> dict[str, DocType]:
    table = {}
    for dt in doc_types():
        for name in _type_names(dt):
            table[fold(name)] = dt
    table[fold("Bộ luật")] = next(dt for dt in doc_types() if dt.code == "L")
    table[fold("Hiến pháp")] = next(dt for dt in doc_types() if dt.code == "L")
    return table


@lru_cache(maxsize=None)
def _symbol_issuers() -> dict[str, tuple[str, bool]]:
    return {row[0]: (row[1], row[2] == "yes") for row in load_tsv("symbol_issuers.tsv")}


def parse_symbol_text(raw: str) -> tuple[str | None, str]:
    """(number, normalized symbol) of a symbol as written."""
    compact = re.sub(r"\s+", "", raw)
    party = grammar().forms["party"].match(raw) or grammar().forms["party"].match(compact)
    if party and not grammar().forms["normative"].match(compact):
        # number-TYPE/ISSUER: a broken "30- KH-TU" becomes "30-KH/TU".
        match = re.match(r"^(\d+[a-zA-Z]?)-([A-Za-zĐđ]+)[/-](.+)$", compact)
        if match:
            return match.group(1), f"{match.group(1)}-{match.group(2)}/{match.group(3)}"
    number = re.match(r"^\d+[a-zA-Z]?", compact)
    parts = re.split(r"([/-])", compact)
    # Known codes keep their spelling (an upper-cased title writes "TTG" for "TTg").
    canon = {code.upper(): code for code in _symbol_issuers()}
    parts = [canon.get(p.upper(), p) if p not in "/-" else p for p in parts]
    compact = "".join(parts)
    # "102/2025/NQLT/UBTVQH15-..." is written "102/2025/NQLT-UBTVQH15-..." (type-issuer);
    # a company's "05/2026/VLN/CV-LV" is not: VLN is no document type.
    slash = re.match(r"^(\d+[a-zA-Z]?/\d{4}/([A-ZĐ]+))/(?=[A-ZĐ])", compact)
    if slash and any(slash.group(2) in dt.symbols for dt in doc_types()):
        compact = slash.group(1) + "-" + compact[slash.end():]
    state = re.match(r"^(\d+[a-zA-Z]?)/([A-Za-zĐ]+)-(.+)$", compact)
    if state and state.group(3) in grammar().party_issuers:
        # A Party document written state-style ("27/NQ-TW") keeps the Party form.
        return state.group(1), f"{state.group(1)}-{state.group(2)}/{state.group(3)}"
    return (number.group(0) if number else None), compact


def parse_date(text: str) -> tuple[str | None, int]:
    """ISO date at the start of ``text`` and the length it used, or (None, 0)."""
    for pattern in grammar().dates:
        match = pattern.match(text)
        if match:
            return iso_date(match.group("d"), match.group("m"), match.group("y")), match.end()
    return None, 0


_DATE_LEAD_RE = re.compile(r"^\s*,?\s*(?:được\s+)?(?:ban hành\s+)?(?:ngày|ngày ban hành)\s*:?\s*", re.IGNORECASE)
_ISSUER_LEAD_RE = re.compile(r"^\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
_LOCALITY_RE = re.compile(rf"(?<!\w)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)[ ]+([{UPPER}][{LOWER}]+(?:[ ]+[{UPPER}][{LOWER}]+){{0,3}})")
_BARE_LOCALITY_RE = re.compile(r"(?<!\w)(tỉnh|thành phố|huyện|xã|phường|thị trấn|Tỉnh ủy|Thành ủy|Huyện ủy)\s*$", re.IGNORECASE)
_PARTY_COMMITTEE_PLACE = {"tỉnh ủy": "tỉnh", "thành ủy": "thành phố", "huyện ủy": "huyện"}
# "Xét đề nghị của Công ty X tại Văn bản số ...": the issuer stands before the citation.
_ORG_BEFORE_RE = re.compile(
    r"(?:đề\s+nghị\s+của|của)\s+(?P<body>(?:Sở|Phòng|Ban|Ủy\s+ban|UBND|Bộ|Cục|Chi\s+cục|Trung\s+tâm)[^;:()]{1,100}?)\s+tại\s*"
    r"(?:(?:Văn\s+bản|văn\s+bản|Công\s+văn|công\s+văn|Tờ\s+trình|tờ\s+trình|Báo\s+cáo|báo\s+cáo)\s+số\s*:?)?\s*$|"
    r"(?P<org>(?:Công\s+ty|Doanh\s+nghiệp|Danh\s+nghiệp|Hợp\s+tác\s+xã|Tập\s+đoàn|Tổng\s+công\s+ty|Liên\s+danh|Chi\s+nhánh)[^;:()]{2,120}?)"
    r"\s*(?:\([^)]*\)\s*)?(?:tại|theo)\s*(?:(?:Văn\s+bản|văn\s+bản|Công\s+văn|công\s+văn|Giấy\s+đề\s+nghị|giấy\s+đề\s+nghị)\s+số\s*:?)?\s*$"
)
_SO_RE = re.compile(r"\s*(?:số|Số)\s*:?\s*$")


def _left_type(text: str, start: int) -> tuple[int, DocType | None, str | None]:
    """Type word before a symbol in the same clause: (start offset, type, name between)."""
    lo = max(0, start - _WINDOW_LEFT)
    window = text[lo:start]
    cut = max(window.rfind(";"), window.rfind("\n"), window.rfind(". "))
    if cut >= 0:
        lo, window = lo + cut + 1, window[cut + 1:]
    matches = list(grammar().type_word.finditer(window))
    # A lower-case type word counts only right before "số" ("kế hoạch số 16/..."); inside a
    # name ("quy phạm pháp luật số 64/2025/QH15") the capitalised one further left does.
    def lower_noise(m: re.Match) -> bool:
        # "quy phạm pháp luật số 64/2025/QH15": "luật" ends a compound word, not a type word.
        return m.group("type")[0].islower() and (
            not re.fullmatch(r"\s*số\s*:?\s*", window[m.end():]) or window[:m.start()].endswith("pháp ")
        )

    while matches and lower_noise(matches[-1]):
        matches.pop()
    if not matches:
        return start, None, None
    last = matches[-1]
    between = window[last.end():]
    if grammar().symbol.search(between) or len(between) > 150:
        return start, None, None
    dt = _type_by_name().get(fold(last.group("type")))
    name_part = _SO_RE.sub("", between).strip(" ,")
    if not between.strip() or _SO_RE.fullmatch(between) or re.fullmatch(r"\s*(?:số\s*:?)?\s*", between):
        name = None
    elif last.group("type")[0].isupper() and name_part and name_part[0].isupper() and dt and dt.code == "L":
        name = expand_abbreviations(f"{last.group('type')} {name_part}")
    else:
        name = None
        if not re.search(r"(?:số|Số)\s*:?\s*$", between):
            # "Kế hoạch hành động số", "Luật ... số": the type word must reach the symbol
            # through a name that ends with "số"; anything else is another clause.
            if len(between) > 40:
                return start, None, None
    return lo + last.start(), dt, name


def _canonical_issuer(phrase: str, text: str, at: int, home: tuple[str, str] | None = None) -> str:
    """Office title dropped, abbreviations expanded, and a bare "tỉnh"/"huyện" completed: with
    the document's own place when it is of that kind (a provincial plan's "UBND tỉnh" is its
    own province), else with the nearest place of that kind named in the text ("của UBND
    tỉnh" in a commune plan of Thanh Hóa -> "... tỉnh Thanh Hóa")."""
    phrase = grammar().issuer_titles.sub("", phrase.strip(" ,;"))
    phrase = expand_abbreviations(phrase)
    bare = _BARE_LOCALITY_RE.search(phrase)
    if bare:
        word = _PARTY_COMMITTEE_PLACE.get(bare.group(1).lower(), bare.group(1).lower())
        found = [m for m in _LOCALITY_RE.finditer(text) if m.group(1).lower() == word]
        if home and home[0] == word:
            phrase = f"{phrase.rstrip()} {home[1]}"
        elif found:
            nearest = min(found, key=lambda m: abs(m.start() - at) + (0 if m.start() < at else 1))
            phrase = f"{phrase.rstrip()} {nearest.group(2)}"
    return re.sub(r"\s+", " ", phrase).strip()


_LEVEL_PLACE_WORD = {"tinh": "tỉnh", "so": "tỉnh", "huyen": "huyện", "phong": "huyện", "xa": "xã"}


def _home_place(header) -> tuple[str, str] | None:
    """(locality word, place) of the document's own issuer: ("tỉnh", "Đắk Lắk")."""
    issuer = header.issuer
    if issuer is None or not issuer.locality or issuer.level is None:
        return None
    word = _LEVEL_PLACE_WORD.get(issuer.level.value)
    if word == "tỉnh" and re.search(r"thành\s+phố", issuer.name, re.IGNORECASE):
        word = "thành phố"
    return (word, issuer.locality) if word else None


def _issuer_from_symbol(symbol: str, issuer_locality: str | None) -> str | None:
    parts = re.split(r"[/-]", symbol)[1:]
    table = _symbol_issuers()
    for part in reversed(parts):
        key = re.sub(r"\d+$", "", part) if part.startswith(("QH", "UBTVQH")) else part
        if key in table:
            name, local = table[key]
            return f"{name} {issuer_locality}" if local and issuer_locality and key in ("UBND", "HĐND") else name
    return None


def _make(document: Document, begin: int, end: int, dt: DocType | None, **fields) -> Citation:
    """A citation over ``text[begin:end]`` with its page, type and basis flag."""
    return Citation(
        text=document.text.text[begin:end], span=(begin, end), page=document.text.page_at(begin),
        doc_type=dt.code if dt else None, doc_type_name=dt.name if dt else None,
        is_basis=any(b0 <= begin < b1 for b0, b1 in document.bases), **fields,
    )


def _date_after(text: str, end: int, lead: re.Pattern = None) -> tuple[str | None, int]:
    """The date right after ``end`` ("ngày 01/4/2024", ", ngày 25/6/2015") and the new end."""
    rest = text[end:end + 200]
    head = (lead or _DATE_LEAD_RE).match(rest)
    if head:
        date, used = parse_date(rest[head.end():])
        if date:
            return date, end + head.end() + used
    return None, end


def find_citations(document: Document) -> list[Citation]:
    text = document.text.text
    header = document.header
    own = re.sub(r"\s+", "", header.symbol or "")
    start_at = header.spans.get("title", (document.body_span or (0, 0)))[0]
    locality = header.issuer.locality if header.issuer else None
    own_issuer = header.issuer.name if header.issuer else None
    home = _home_place(header)
    citations: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for match in grammar().symbol.finditer(text):
        if match.start() < start_at or grammar().not_before.search(text[max(0, match.start() - 15):match.start()]):
            continue
        number, symbol = parse_symbol_text(match.group(0))
        if own and symbol == own:
            continue  # the document's own symbol is never a citation
        begin, dt, name = _left_type(text, match.start())
        end = match.end()
        issuer = None
        date, end = _date_after(text, end)
        rest = text[end:end + 200]
        lead = _ISSUER_LEAD_RE.match(rest)
        if lead:
            tail = rest[lead.end():]
            stop = grammar().issuer_stop.search(tail)
            phrase = tail[: stop.start()] if stop else tail
            if phrase.strip():
                issuer = _canonical_issuer(phrase, text, match.start(), home)
                end += lead.end() + len(phrase.rstrip())
        if issuer is None:
            org = _ORG_BEFORE_RE.search(text[max(0, begin - 160):begin])
            if org and org.group("org"):
                issuer = re.sub(r"\s+", " ", org.group("org")).strip(" ,")
            elif org and org.group("body"):
                issuer = _canonical_issuer(org.group("body"), text, begin, home)
        if dt is None:
            dt = type_from_symbol(symbol)
        short = bool(grammar().short_previous.match(text[end:end + 30]))
        issuer = issuer or _issuer_from_symbol(symbol, locality)
        if issuer and own_issuer and fold(own_issuer).startswith(fold(issuer)) and len(issuer) > 1:
            issuer = own_issuer  # "của Giám đốc Sở" in a Sở's own plan: that Sở
        citation = _make(document, begin, end, dt, number=number, symbol=symbol, name=name,
                         issued_date=date, issuer=issuer, short_form=short)
        if short:
            citation.refers_to = next((i for i in range(len(citations) - 1, -1, -1)
                                       if citations[i].symbol == symbol and not citations[i].short_form), None)
        citations.append(citation)
        taken.append((begin, end))
    citations.extend(_numbered_references(document, taken, start_at))
    citations.extend(_named_laws(document, taken + _title_clauses(text, taken), start_at))
    citations.extend(_short_forms(document, citations, start_at))
    citations.sort(key=lambda c: c.span[0])
    _link_short_forms(citations)
    _link_named(citations)
    _link_truncated(citations)
    return citations


_TITLE_LEAD_RE = re.compile(r"^\s*,?\s*(?:về\s+việc|về|V/v|sửa\s+đổi|quy\s+định|hướng\s+dẫn|phê\s+duyệt|ban\s+hành|“)", re.IGNORECASE)


def _title_clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The "về ..." description after each citation, to its clause end: laws named there
    ("... sửa đổi một số điều của Luật Công đoàn, Luật Thanh niên") describe that citation."""
    out = []
    for _, end in spans:
        if _TITLE_LEAD_RE.match(text[end:end + 20]):
            # The description ends with the clause, or where the sentence goes on ("... phù hợp với").
            stop = re.search(r"[;\n]|\.\s|\s(?:phù\s+hợp\s+với|nhằm|để|đảm\s+bảo|bảo\s+đảm)\s", text[end:end + 400])
            out.append((end, end + (stop.start() if stop else 400)))
    return out


def _numbered_references(document: Document, taken: list[tuple[int, int]], start_at: int) -> list[Citation]:
    """Letters outside the Nghị định 30 numbering: "Văn bản số 13.4/2026/ĐN-VL ngày ... của Công ty"."""
    text = document.text.text
    found = []
    for match in grammar().numbered.finditer(text):
        begin = match.start()
        if begin < start_at or any(a <= match.start("sym") < b for a, b in taken):
            continue
        symbol = match.group("sym").rstrip(".:")
        end = match.start("sym") + len(symbol)
        date, end = _date_after(text, end)
        cv = next(dt for dt in doc_types() if dt.code == "CV")
        org = _ORG_BEFORE_RE.search(text[max(0, begin - 160):begin])
        issuer = re.sub(r"\s+", " ", org.group("org")).strip(" ,") if org and org.group("org") else None
        found.append(_make(document, begin, end, cv, number=re.match(r"\d*", symbol).group(0) or None,
                           symbol=symbol, issued_date=date, issuer=issuer))
        taken.append((begin, end))
    return found


def _named_laws(document: Document, taken: list[tuple[int, int]], start_at: int) -> list[Citation]:
    """Laws and codes cited by name only: "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"."""
    text = document.text.text
    found = []
    for match in grammar().named.finditer(text):
        begin = match.start()
        if begin < start_at or any(a <= begin < b for a, b in taken):
            continue
        tail = text[match.end():match.end() + 200]
        amending = _AMENDING_RE.match(tail)  # "Luật sửa đổi, bổ sung một số điều của Luật X"
        rest = tail[amending.end():] if amending else tail
        stop = grammar().name_stop.search(rest)
        name_text = ((tail[: amending.end()] if amending else "") + (rest[: stop.start()] if stop else rest)).strip(" ,-")
        name_text = re.sub(r"\s+(?:và|hoặc)$", "", name_text)
        if not name_text or len(name_text) > 120:
            continue
        end = match.end() + len(name_text)
        full = expand_abbreviations(f"{match.group('type')} {name_text}")
        date, end = _date_after(text, end, _NAMED_DATE_LEAD_RE)
        dt = _type_by_name().get(fold(match.group("type")))
        found.append(_make(document, begin, end, dt, name=full, issued_date=date,
                           issuer="Quốc hội" if match.group("type") in ("Luật", "Bộ luật", "Hiến pháp") else None))
    return found


_NAMED_DATE_LEAD_RE = re.compile(r"^\s*,?\s*ngày\s+")
_AMENDING_RE = re.compile(
    r"(?:sửa|sử)\s+đổi,?\s*bổ\s+sung(?:\s+một\s+số\s+điều)?(?:\s+của)?\s+(?:các\s+)?(?:Luật|Bộ\s+luật)\s+(?=\S)"
)


def _short_forms(document: Document, citations: list[Citation], start_at: int) -> list[Citation]:
    """``Quyết định nêu trên``: a mention of an earlier citation of that type."""
    text = document.text.text
    out = []
    for match in grammar().type_word.finditer(text):
        if match.start() < start_at:
            continue
        after = text[match.end():match.end() + 30]
        if grammar().short_self.match(after):
            continue  # "Kế hoạch này": the document itself
        prev = grammar().short_previous.match(after)
        if not prev or re.match(r"^\s+số", after):
            continue
        dt = _type_by_name().get(fold(match.group("type")))
        end = match.end() + prev.end()
        out.append(_make(document, match.start(), end, dt, short_form=True))
    return out


def _link_named(citations: list[Citation]) -> None:
    """A law named without its number ("Luật Bầu cử ...", "Luật Bầu cử") refers to the numbered
    citation of that law in the same text: it becomes a short form of it."""
    named = [(i, fold(c.name)) for i, c in enumerate(citations) if c.name and not c.short_form]
    numbered = [(i, n) for i, n in named if citations[i].symbol]
    for idx, cit in enumerate(citations):
        if cit.symbol or not cit.name:
            continue
        key = fold(cit.name)
        target = next((i for i, name in numbered if name == key), None)
        if target is None:  # a short name: "Luật Bầu cử" for the law named in full elsewhere
            longer = [(i, name) for i, name in (numbered or named) if name.startswith(key + " ") and i != idx]
            longer = longer or [(i, name) for i, name in named if name.startswith(key + " ") and i != idx]
            target = longer[0][0] if longer else None
        if target is not None:
            ref = citations[target]
            cit.short_form, cit.refers_to = True, target
            cit.symbol, cit.number, cit.issued_date = ref.symbol, ref.number, cit.issued_date or ref.issued_date
            cit.name = ref.name


def _link_truncated(citations: list[Citation]) -> None:
    """A symbol written short elsewhere in the text ("102/2025/NQLT" for
    "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN") refers to the full one."""
    full = [(i, c.symbol) for i, c in enumerate(citations) if c.symbol and not c.short_form]
    for cit in citations:
        if not cit.symbol or cit.short_form:
            continue
        target = next((i for i, s in full if s != cit.symbol and s.startswith(cit.symbol)
                       and s[len(cit.symbol)] in "-/"), None)
        if target is not None:
            cit.short_form, cit.refers_to, cit.symbol = True, target, citations[target].symbol


def _link_short_forms(citations: list[Citation]) -> None:
    """Give each short form the index, symbol, date and issuer of the citation it points to."""
    for i, cit in enumerate(citations):
        if not cit.short_form:
            continue
        target = None
        for j in range(i - 1, -1, -1):
            other = citations[j]
            if other.short_form:
                continue
            if (cit.symbol and other.symbol == cit.symbol) or (not cit.symbol and other.doc_type == cit.doc_type):
                target = j
                break
        cit.refers_to = target
        if target is not None and not cit.symbol:
            ref = citations[target]
            cit.symbol, cit.number, cit.name = ref.symbol, ref.number, ref.name
            cit.issued_date, cit.issuer = ref.issued_date, ref.issuer
