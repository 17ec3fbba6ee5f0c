"""Entry point of the PyInstaller bundle: the same as the ``sciatica-coach`` command."""

from sciatica_coach.cli import main

raise SystemExit(main())
