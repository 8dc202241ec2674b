"""CO2e methods and the running estimate: thin calls into core.impact."""

from __future__ import annotations


def methods(lang: str = "en") -> list[tuple[str, str]]:
    """(id, name) of the CO2e methods the engine ships, default first."""
    from cleanup_desktop.core.impact.methods import list_methods

    return [(m.id, m.name(lang)) for m in list_methods()]


def get_method(method_id: str, custom: dict | None = None):
    """The method by id; for "custom", the user's own factors (g CO2e per GB) when given."""
    from cleanup_desktop.core.impact.methods import custom_method, get_method as core_get

    if method_id == "custom" and custom:
        factors = {k: v for k, v in custom.items() if v}
        if factors:
            return custom_method(factors)
    try:
        return core_get(method_id)
    except Exception:  # an unknown id left in old settings: the engine's default method
        return core_get()


def method_of(prefs):
    """The method the preferences choose (with the custom factors when "custom")."""
    return get_method(prefs.method, {"go_cloud": prefs.custom_cloud_g, "go_local": prefs.custom_local_g})


def kg_for_bytes(local_bytes: int, method, cloud_bytes: int = 0, emails: int = 0) -> float | None:
    """Estimate for the review's running total, counted as the bilan will count it: files on
    this computer as local storage, files in cloud-drive folders and mail on a server as cloud
    storage, and each mail deleted with the method's per-email factor where it has one."""
    from cleanup_desktop.core.impact.compute import Quantities, compute

    # Same arithmetic as core.bilan.quantities_of: mails counted, their volume already measured.
    q = Quantities.from_bytes(cloud_bytes=cloud_bytes, local_bytes=local_bytes, emails=emails, emails_measured=emails)
    return compute(q, method if not isinstance(method, str) else get_method(method)).kg


_classifier = None


def classifier():
    """The bilan's local/cloud classifier (sync folders detected once per session)."""
    global _classifier
    if _classifier is None:
        from cleanup_desktop.core.impact.classify import Classifier

        _classifier = Classifier()
    return _classifier
