"""The error of an invalid method file or custom factor (its own module: the device tables
of core.devices.factors raise it too)."""


class MethodError(ValueError):
    """A method file or a custom factor is invalid; the message says where and why."""
