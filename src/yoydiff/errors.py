"""Errors that end a run with one clear line and exit code 2 (bad input, refused comparison)."""


class InputError(Exception):
    """The input cannot be used; the message is shown to the user as it is."""

    exit_code = 2
