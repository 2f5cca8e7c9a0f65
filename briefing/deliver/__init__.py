"""Deliver: stakeholders.yaml, the email messages and their SMTP transport, and the delivery ledger."""
