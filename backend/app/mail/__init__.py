"""Mail: messages built with the standard library, sent over SMTP by the worker.

Other packages call `outbox.send_later(...)` in their transaction; see app.mail.outbox.
"""
