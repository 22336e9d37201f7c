"""What each role may do. A role is given on a unit and reaches that unit's whole subtree."""

from .models import Role

VIEW_UNITS = "units.view"
CHANGE_UNITS = "units.change"
VIEW_MEMBERS = "members.view"
CHANGE_MEMBERS = "members.change"
IMPORT = "data.import"
EXPORT = "data.export"
MANAGE_ROLES = "roles.manage"
VIEW_AUDIT = "audit.view"
VIEW_MEETINGS = "meetings.view"
CHANGE_MEETINGS = "meetings.change"
VIEW_FEES = "fees.view"
CHANGE_FEES = "fees.change"
VIEW_FLAGS = "flags.view"
DECIDE_FLAGS = "flags.decide"

CELL_LIFE = frozenset(
    {VIEW_MEETINGS, CHANGE_MEETINGS, VIEW_FEES, CHANGE_FEES, VIEW_FLAGS, DECIDE_FLAGS}
)
CELL_LIFE_READ = frozenset({VIEW_MEETINGS, VIEW_FEES, VIEW_FLAGS})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # A member sees their own record (granted outside roles) and their own unit.
    Role.MEMBER: frozenset({VIEW_UNITS}),
    Role.CELL_SECRETARY: frozenset(
        {VIEW_UNITS, VIEW_MEMBERS, CHANGE_MEMBERS, IMPORT, EXPORT, VIEW_AUDIT}
    )
    | CELL_LIFE,
    Role.COMMITTEE_STAFF: frozenset(
        {
            VIEW_UNITS,
            CHANGE_UNITS,
            VIEW_MEMBERS,
            CHANGE_MEMBERS,
            IMPORT,
            EXPORT,
            MANAGE_ROLES,
            VIEW_AUDIT,
        }
    )
    | CELL_LIFE,
    Role.INSPECTOR: frozenset({VIEW_UNITS, VIEW_MEMBERS, EXPORT, VIEW_AUDIT}) | CELL_LIFE_READ,
    Role.LEADER: frozenset({VIEW_UNITS, VIEW_MEMBERS, EXPORT, VIEW_AUDIT}) | CELL_LIFE_READ,
    Role.ADMIN: frozenset(
        {
            VIEW_UNITS,
            CHANGE_UNITS,
            VIEW_MEMBERS,
            CHANGE_MEMBERS,
            IMPORT,
            EXPORT,
            MANAGE_ROLES,
            VIEW_AUDIT,
        }
    )
    | CELL_LIFE,
}

# Roles a manager may hand out; only an administrator creates administrators.
GRANTABLE_BY = {
    Role.COMMITTEE_STAFF: frozenset(
        {Role.MEMBER, Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.INSPECTOR, Role.LEADER}
    ),
    Role.ADMIN: frozenset(Role.values),
}
