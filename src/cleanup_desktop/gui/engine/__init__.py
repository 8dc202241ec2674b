"""The GUI's one door to the engine.

Pages and widgets never import core modules directly: they call these thin wrappers, which
only translate GUI preferences into the core's own arguments. No engine logic lives here; one
module per engine part. The core modules are imported inside the wrappers (plain imports,
made when first used) so that the window opens without loading the whole engine.
"""

from cleanup_desktop.core import compose
from cleanup_desktop.gui.engine.disk import (  # noqa: F401
    cloud_folders, default_folders, folder_size, rule_descriptions, rule_labels, run_scan, scan_for_review, scan_options,
    temp_locations,
)
from cleanup_desktop.gui.engine.impact import classifier, get_method, kg_for_bytes, method_of, methods  # noqa: F401
from cleanup_desktop.gui.engine.selection import Chooser, apply_preset, make_chooser, refreshed, selection_split, selection_totals  # noqa: F401
from cleanup_desktop.gui.engine.clean import (  # noqa: F401
    empty_runs, make_plan, make_plans, open_system_trash, place_notices, plan_by_category, run_plans, scan_places,
    undo_runs, undo_supported,
)
from cleanup_desktop.gui.engine.mail import (  # noqa: F401
    MailChooser, mail_account_label, mail_account_problems, mail_accounts, remove_mail_account,
    save_mail_account, scan_mail, test_mail_account,
)
from cleanup_desktop.gui.engine.bilan import (  # noqa: F401
    SHEET_FORMATS, aggregate_folder, compute_bilan, export_sheet, journal_is_small, mixed_events, rejection_reason,
    write_aggregate,
)
from cleanup_desktop.gui.engine.devices import (  # noqa: F401
    DevicesLayout, devices_figures, devices_layout, empty_devices, load_devices, parse_weight, save_devices,
)

compose.install()  # the engine's backends (disk, mail) in the run registry
