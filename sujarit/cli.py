"""The `sujarit` console command: Django's management commands, settings preset."""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sujarit.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    execute_from_command_line(["sujarit", *argv[1:]])


if __name__ == "__main__":
    main()
