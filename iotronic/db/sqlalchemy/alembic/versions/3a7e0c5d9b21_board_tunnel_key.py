"""The key each board opens its service tunnels with.

Revision ID: 3a7e0c5d9b21
Revises: f59612a0a15c
Create Date: 2026-11-23 09:12:00.000000

sshd asks IoTronic which public ports a presented key may listen on; the
lookup is by this column, hence unique and indexed.
"""

from alembic import op
import sqlalchemy as sa

revision = '3a7e0c5d9b21'
down_revision = 'f59612a0a15c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('boards') as batch_op:
        batch_op.add_column(sa.Column('tunnel_key', sa.String(length=255),
                                      nullable=True))
        batch_op.create_unique_constraint('uniq_boards0tunnel_key',
                                          ['tunnel_key'])
