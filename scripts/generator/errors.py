"""The one error the build reports as a message rather than a traceback."""


class BuildError(Exception):
    """A mistake in the project's inputs (data, chart, figure, settings); the message says where it is."""
