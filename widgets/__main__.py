import sys

from widgets.authoring.cli import main

sys.exit(main())
