"""The one error the importers raise: the upload cannot be read at all."""


class UnreadableRelease(ValueError):
    """The input is empty, binary, too large or of an unsupported type.

    The message is written for the public-affairs officer: what is wrong and what to do.
    """
