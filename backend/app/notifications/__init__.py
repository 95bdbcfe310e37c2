"""Notifications: the morning digest by email, its settings, unsubscribing, the test email."""
