"""Why a ledger refuses an entry: each refusal carries the ids and amounts."""

from propcore.errors import ConflictError, InvalidInputError
from propcore.ids import Id
from propcore.money import Money


class DuplicateBillError(ConflictError):
    def __init__(self, bill_id: Id) -> None:
        self.bill_id = bill_id
        super().__init__(
            "bill_id", "bill %(bill_id)s is already charged", bill_id=bill_id
        )


class IdempotencyKeyReusedError(ConflictError):
    """The key was used before for a different payment."""

    def __init__(self, key: str, entry_id: Id) -> None:
        self.key = key
        self.entry_id = entry_id
        super().__init__("idempotency_key", "was used for another payment")


class NotReversibleError(ConflictError):
    """Base of the reasons an entry cannot be reversed or refunded."""

    def __init__(self, entry_id: Id, message: str) -> None:
        self.entry_id = entry_id
        super().__init__("entry_id", message)


class AlreadyReversedError(NotReversibleError):
    def __init__(self, entry_id: Id) -> None:
        super().__init__(entry_id, "is already reversed")


class KindNotReversibleError(NotReversibleError):
    def __init__(self, entry_id: Id) -> None:
        super().__init__(entry_id, "this kind of entry cannot be reversed")


class NotAPaymentError(NotReversibleError):
    def __init__(self, entry_id: Id) -> None:
        super().__init__(entry_id, "only a payment can be refunded")


class BillCancelledError(NotReversibleError):
    def __init__(self, bill_id: Id) -> None:
        super().__init__(bill_id, "the bill is cancelled")


class PaymentRefundedError(NotReversibleError):
    def __init__(self, entry_id: Id) -> None:
        super().__init__(entry_id, "part of the payment was refunded")


class AmountDueBelowZeroError(InvalidInputError):
    def __init__(self, bill_id: Id, amount_due: Money, change: Money) -> None:
        self.bill_id = bill_id
        self.amount_due = amount_due
        self.change = change
        problem = InvalidInputError.single("amount", "would make the bill negative")
        super().__init__(problem.problems)


class RefundTooLargeError(InvalidInputError):
    """More than the prepaid balance or than is left of the payment."""

    def __init__(self, amount: Money, refundable: Money) -> None:
        self.amount = amount
        self.refundable = refundable
        problem = InvalidInputError.single(
            "amount",
            "at most %(refundable)s can be refunded",
            refundable=refundable.amount,
        )
        super().__init__(problem.problems)


class UnknownPaymentError(InvalidInputError):
    """The id names no payment in this payer's ledger."""

    def __init__(self, payment_id: object) -> None:
        self.payment_id = payment_id
        problem = InvalidInputError.single(
            "payment_id", "is not a payment of this payer"
        )
        super().__init__(problem.problems)


class PaymentNotReversibleError(ConflictError):
    """A payment the ledger will not reverse, with the ledger's reason."""

    def __init__(self, payment_id: Id, reason: NotReversibleError) -> None:
        self.payment_id = payment_id
        super().__init__("payment_id", reason.problem.message)
