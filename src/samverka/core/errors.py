"""Domain errors: raised by services, shown to the user in plain Swedish."""


class DomainError(Exception):
    """A rule of the domain was broken; `message` is fit to show to the user, at the input `field`
    when one input breaks it (forms and the API show it there)."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def add_to(self, form) -> None:
        """Shows the error on the form: at its field when the form has it."""
        form.add_error(self.field if self.field in form.fields else None, self.message)


class PermissionDenied(DomainError):
    def __init__(self, message: str = "Du har inte behörighet att göra detta.") -> None:
        super().__init__(message, code="permission_denied")


class InvalidTransition(DomainError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="invalid_transition")
