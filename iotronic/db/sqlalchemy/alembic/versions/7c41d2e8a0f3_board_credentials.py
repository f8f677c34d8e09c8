"""Board credentials and one-time registration codes.

Revision ID: 7c41d2e8a0f3
Revises: 3a7e0c5d9b21
Create Date: 2026-11-23 10:00:00.000000

A board authenticates to the router with a credential it receives when
it registers; only the credential's hash is stored, plus the hash of the
next one while a rotation is under way. The registration code works
once: ``code_used`` records that it has.
"""

from alembic import op
import sqlalchemy as sa

revision = '7c41d2e8a0f3'
down_revision = '3a7e0c5d9b21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('boards') as batch_op:
        batch_op.add_column(sa.Column('credential_hash',
                                      sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('credential_next_hash',
                                      sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('code_used', sa.Boolean(),
                                      nullable=False,
                                      server_default=sa.false()))
