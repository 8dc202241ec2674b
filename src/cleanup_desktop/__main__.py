import sys

from cleanup_desktop.cli import main

sys.exit(main())
