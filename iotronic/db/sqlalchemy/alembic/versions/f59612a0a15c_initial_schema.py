"""Initial schema: every table IoTronic has.

Revision ID: f59612a0a15c
Revises:
Create Date: 2026-11-23 03:44:38.188392

The one migration a new deployment runs; later revisions build on it.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

# revision identifiers, used by Alembic.
revision = 'f59612a0a15c'
down_revision = None
branch_labels = None
depends_on = None

_TABLE_OPTIONS = {
    'mysql_engine': 'InnoDB',
    'mysql_charset': 'utf8mb4',
    'mysql_collate': 'utf8mb4_unicode_ci',
}


def upgrade():
    op.create_table('conductors',
        sa.Column('hostname', sa.String(length=255), nullable=False),
        sa.Column('online', sa.Boolean(), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hostname', name='uniq_conductors0hostname'),
        **_TABLE_OPTIONS,
    )
    op.create_table('fleets',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('project', sa.String(length=64), nullable=True),
        sa.Column('description', sa.String(length=300), nullable=True),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project', 'name', name='uniq_fleets0project0name'),
        sa.UniqueConstraint('uuid', name='uniq_fleets0uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('fleets', schema=None) as batch_op:
        batch_op.create_index('fleets_project_idx', ['project'], unique=False)

    op.create_table('plugins',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('owner', sa.String(length=64), nullable=True),
        sa.Column('project', sa.String(length=64), nullable=True),
        sa.Column('public', sa.Boolean(), nullable=False),
        sa.Column('code', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
        sa.Column('callable', sa.Boolean(), nullable=False),
        sa.Column('parameters', sa.JSON(), nullable=True),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project', 'name', name='uniq_plugins0project0name'),
        sa.UniqueConstraint('uuid', name='uniq_plugins0uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('plugins', schema=None) as batch_op:
        batch_op.create_index('plugins_owner_idx', ['owner'], unique=False)
        batch_op.create_index('plugins_public_idx', ['public'], unique=False)

    op.create_table('requests',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('destination_uuid', sa.String(length=36), nullable=False),
        sa.Column('main_request_uuid', sa.String(length=36), nullable=True),
        sa.Column('pending_requests', sa.Integer(), nullable=False),
        sa.Column('project', sa.String(length=64), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('type', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=64), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['main_request_uuid'], ['requests.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_requests0uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index('requests_destination_uuid_idx', ['destination_uuid'], unique=False)
        batch_op.create_index('requests_main_request_uuid_idx', ['main_request_uuid'], unique=False)
        batch_op.create_index('requests_project_idx', ['project'], unique=False)

    op.create_table('services',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('project', sa.String(length=64), nullable=True),
        sa.Column('port', sa.Integer(), nullable=False),
        sa.Column('protocol', sa.String(length=16), nullable=False),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('project', 'name', name='uniq_services0project0name'),
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
        **_TABLE_OPTIONS,
    )
    op.create_table('wampagents',
        sa.Column('hostname', sa.String(length=255), nullable=False),
        sa.Column('wsurl', sa.String(length=255), nullable=False),
        sa.Column('online', sa.Boolean(), nullable=False),
        sa.Column('ragent', sa.Boolean(), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hostname', name='uniq_wampagents0hostname'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('wampagents', schema=None) as batch_op:
        batch_op.create_index('wampagents_online_idx', ['online'], unique=False)

    op.create_table('boards',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('code', sa.String(length=255), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('type', sa.String(length=255), nullable=True),
        sa.Column('agent', sa.String(length=255), nullable=True),
        sa.Column('owner', sa.String(length=64), nullable=True),
        sa.Column('project', sa.String(length=64), nullable=True),
        sa.Column('fleet', sa.String(length=36), nullable=True),
        sa.Column('mobile', sa.Boolean(), nullable=False),
        sa.Column('lr_version', sa.String(length=20), nullable=True),
        sa.Column('connectivity', sa.JSON(), nullable=True),
        sa.Column('config', sa.JSON(), nullable=True),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('revision', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['fleet'], ['fleets.uuid'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code', name='uniq_boards0code'),
        sa.UniqueConstraint('project', 'name', name='uniq_boards0project0name'),
        sa.UniqueConstraint('uuid', name='uniq_boards0uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.create_index('boards_agent_idx', ['agent'], unique=False)
        batch_op.create_index('boards_fleet_idx', ['fleet'], unique=False)
        batch_op.create_index('boards_name_idx', ['name'], unique=False)
        batch_op.create_index('boards_owner_idx', ['owner'], unique=False)
        batch_op.create_index('boards_status_idx', ['status'], unique=False)

    op.create_table('enabled_webservices',
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('http_port', sa.Integer(), nullable=False),
        sa.Column('https_port', sa.Integer(), nullable=False),
        sa.Column('dns', sa.String(length=100), nullable=False),
        sa.Column('zone', sa.String(length=100), nullable=False),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_uuid', name='uniq_enabled_webservices0board_uuid'),
        **_TABLE_OPTIONS,
    )
    op.create_table('exposed_services',
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('service_uuid', sa.String(length=36), nullable=False),
        sa.Column('public_port', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['service_uuid'], ['services.uuid'], ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_uuid', 'service_uuid', name='uniq_exposed_services0board_uuid0service_uuid'),
        sa.UniqueConstraint('public_port', name='uniq_exposed_services0public_port'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('exposed_services', schema=None) as batch_op:
        batch_op.create_index('exposed_services_service_uuid_idx', ['service_uuid'], unique=False)

    op.create_table('injection_plugins',
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('plugin_uuid', sa.String(length=36), nullable=False),
        sa.Column('onboot', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['plugin_uuid'], ['plugins.uuid'], ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_uuid', 'plugin_uuid', name='uniq_injection_plugins0board_uuid0plugin_uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('injection_plugins', schema=None) as batch_op:
        batch_op.create_index('injection_plugins_plugin_uuid_idx', ['plugin_uuid'], unique=False)

    op.create_table('locations',
        sa.Column('longitude', sa.String(length=18), nullable=True),
        sa.Column('latitude', sa.String(length=18), nullable=True),
        sa.Column('altitude', sa.String(length=18), nullable=True),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_id'], ['boards.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_id', name='uniq_locations0board_id'),
        **_TABLE_OPTIONS,
    )
    op.create_table('ports_on_boards',
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('VIF_name', sa.String(length=30), nullable=True),
        sa.Column('MAC_add', sa.String(length=32), nullable=True),
        sa.Column('ip', sa.String(length=64), nullable=True),
        sa.Column('network', sa.String(length=36), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_ports_on_boards0uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('ports_on_boards', schema=None) as batch_op:
        batch_op.create_index('ports_on_boards_board_uuid_idx', ['board_uuid'], unique=False)

    op.create_table('results',
        sa.Column('result', sa.String(length=16), nullable=False),
        sa.Column('message', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql'), nullable=True),
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('request_uuid', sa.String(length=36), nullable=False),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['request_uuid'], ['requests.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_uuid', 'request_uuid', name='uniq_results0board_uuid0request_uuid'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.create_index('results_request_uuid_idx', ['request_uuid'], unique=False)

    op.create_table('sessions',
        sa.Column('valid', sa.Boolean(), nullable=False),
        sa.Column('session_id', sa.String(length=32), nullable=False),
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('valid_board_id', sa.Integer(), sa.Computed('CASE WHEN valid THEN board_id ELSE NULL END', persisted=True), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_id'], ['boards.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('session_id', 'board_uuid', name='uniq_sessions0session_id0board_uuid'),
        sa.UniqueConstraint('valid_board_id', name='uniq_sessions0valid_board_id'),
        **_TABLE_OPTIONS,
    )
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.create_index('sessions_board_uuid_valid_idx', ['board_uuid', 'valid'], unique=False)
        batch_op.create_index('sessions_session_id_idx', ['session_id'], unique=False)

    op.create_table('webservices',
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('port', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=63), nullable=False),
        sa.Column('board_uuid', sa.String(length=36), nullable=False),
        sa.Column('secure', sa.Boolean(), nullable=False),
        sa.Column('extra', sa.JSON(), nullable=True),
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['board_uuid'], ['boards.uuid'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('board_uuid', 'name', name='uniq_webservices0board_uuid0name'),
        sa.UniqueConstraint('board_uuid', 'port', name='uniq_webservices0board_uuid0port'),
        sa.UniqueConstraint('uuid', name='uniq_webservices0uuid'),
        **_TABLE_OPTIONS,
    )
