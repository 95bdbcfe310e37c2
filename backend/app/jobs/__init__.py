"""The job queue and the worker: jobs live in the database, any number of workers share them.

A low floor: it knows the database and the settings only. Other packages add job kinds with
`registry.register(kind)` and periodic steps with `registry.every(seconds)`; they enqueue with
`service.enqueue(session, kind, payload, ...)` in their own transaction.
"""
