"""The measurement sheet, as JSON ("cleanup-desktop/sheet/1"): what `cleanup-desktop export`
and the GUI's "Export my sheet" write, and what the organiser's aggregation reads back.

A sheet carries counts, bytes, categories and environments only: never a file name, path,
mail subject or address. Every key ``Sheet.to_dict`` writes is declared here. A sheet read
back is never trusted: ``core.sheets.model.sheet_from_dict`` validates it first.
"""

# No `from __future__ import annotations`: Python 3.11 reads NotRequired only from real annotations.
from typing import Any, Literal, TypedDict

SheetSchema = Literal["cleanup-desktop/sheet/1"]


class AppInfo(TypedDict):
    name: str  # "cleanup-desktop"
    version: str


class EventInfo(TypedDict):
    id: str | None
    date: str | None  # YYYY-MM-DD


class Participant(TypedDict):
    name: str | None
    team: str | None


class Unit(TypedDict):
    go_bytes: int  # bytes in one "Go" of the sheet (10^9)
    note: str  # English note on the unit


class MethodRef(TypedDict, total=False):
    id: str  # required in practice; total=False only for ``factors``
    version: str
    name: str
    factors: dict[str, float]  # custom methods: g CO2e per unit of each factor


class Period(TypedDict):
    first: str | None  # first run counted (ISO 8601)
    last: str | None
    runs: int


class Counter(TypedDict):
    bytes: int
    count: int


class Declared(TypedDict):
    """Items declared without a measured volume (per-item factors)."""

    files_cloud: int
    files_local: int
    emails: int
    apps: int
    social_posts: int


class Measurement(TypedDict):
    """A before/after volume of one environment (no path)."""

    environment: str  # "workstation", "network-share", a mailbox kind...
    before_bytes: int
    after_bytes: int
    before_time: str | None
    after_time: str | None
    volumes: int  # how many volumes the figure adds up


class Totals(TypedDict):
    go_cloud: float
    go_local: float
    go_total: float
    files_deleted: int
    emails_deleted: int
    go_in_trash: float
    kg_co2e: float


class ImpactTotal(TypedDict):
    kg: float
    kg_low: float
    kg_high: float
    kg_annual: float
    kg_one_off: float
    label: str


class Impact(TypedDict):
    """core.impact.compute: kg CO2e per line of the method, and the total."""

    method_id: str
    method_version: str
    method_name: str
    unit: str
    lines: list[dict[str, Any]]  # one per factor of the method (core.impact.compute.Line)
    total: ImpactTotal


class Devices(TypedDict):
    """Derived figures of the declared devices (core.devices.impact.devices_summary)."""

    reemploi: dict[str, Any]
    recyclage: dict[str, Any]


class SheetDoc(TypedDict):
    schema: SheetSchema
    sheet_id: str  # stable per participant and event: re-exports replace each other
    created: str
    app: AppInfo
    event: EventInfo
    participant: Participant
    unit: Unit
    method: MethodRef
    period: Period
    freed: dict[str, Counter]  # bucket (files_cloud, files_local, mails_cloud, mails_local) -> freed for good
    in_trash: dict[str, Counter]  # bucket -> still in a trash
    by_environment: dict[str, dict[str, int]]
    declared: Declared
    measurements: list[Measurement]
    totals: Totals
    impact: Impact
    equivalences: list[dict[str, Any]]  # core.impact.equivalences.Equivalence fields
    reemploi: dict[str, Any] | None  # the INR form's per-device counts, when declared
    recyclage: dict[str, Any] | None
    devices: Devices
