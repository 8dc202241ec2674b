"""Impact of a cleanup: CO2e methods (shipped data), the arithmetic, equivalences, and the
local/cloud classification of freed bytes. Pure Python, no Qt."""

from cleanup_desktop.core.impact.compute import ImpactLine, ImpactResult, Quantities, compute, impact
from cleanup_desktop.core.impact.equivalences import Equivalence, equivalences
from cleanup_desktop.core.impact.methods import (
    GO_BYTES,
    UNIT_NOTE_EN,
    UNIT_NOTE_FR,
    Factor,
    Method,
    MethodError,
    custom_method,
    get_method,
    list_methods,
)

__all__ = [
    "GO_BYTES", "UNIT_NOTE_EN", "UNIT_NOTE_FR", "Equivalence", "Factor", "ImpactLine",
    "ImpactResult", "Method", "MethodError", "Quantities", "compute", "custom_method",
    "equivalences", "get_method", "impact", "list_methods",
]
