"""The one exception kg raises for problems a user can fix, with its message texts."""


class KgError(Exception):
    """A problem with the user's input, options or environment; its message says what to do."""
