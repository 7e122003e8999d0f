"""Domain errors: raised by services, shown to the user in plain Swedish."""


class DomainError(Exception):
    """A rule of the domain was broken; `message` is fit to show to the user."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class PermissionDenied(DomainError):
    def __init__(self, message: str = "Du har inte behörighet att göra detta.") -> None:
        super().__init__(message, code="permission_denied")


class InvalidTransition(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_transition")
