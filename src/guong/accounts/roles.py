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

VIEW_DOCUMENTS = "documents.view"
CHANGE_DOCUMENTS = "documents.change"
VIEW_COMMITMENTS = "commitments.view"
CHANGE_COMMITMENTS = "commitments.change"

CELL_LIFE = frozenset(
    {VIEW_MEETINGS, CHANGE_MEETINGS, VIEW_FEES, CHANGE_FEES, VIEW_FLAGS, DECIDE_FLAGS}
)
CELL_LIFE_READ = frozenset({VIEW_MEETINGS, VIEW_FEES, VIEW_FLAGS})
# Documents: everyone reads the library (a unit also sees what the units above it issued);
# committees and cells register their own documents. Commitments: the cell's secretary enters,
# approves and evaluates them; a member writes their own without any role.
WORK = frozenset({VIEW_DOCUMENTS, CHANGE_DOCUMENTS, VIEW_COMMITMENTS, CHANGE_COMMITMENTS})
WORK_READ = frozenset({VIEW_DOCUMENTS, VIEW_COMMITMENTS})

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # A member sees their own record (granted outside roles) and their own unit.
    Role.MEMBER: frozenset({VIEW_UNITS, VIEW_DOCUMENTS}),
    Role.CELL_SECRETARY: frozenset(
        {VIEW_UNITS, VIEW_MEMBERS, CHANGE_MEMBERS, IMPORT, EXPORT, VIEW_AUDIT}
    )
    | CELL_LIFE
    | WORK,
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
    | CELL_LIFE
    | WORK,
    Role.INSPECTOR: frozenset({VIEW_UNITS, VIEW_MEMBERS, EXPORT, VIEW_AUDIT})
    | CELL_LIFE_READ
    | WORK_READ,
    Role.LEADER: frozenset({VIEW_UNITS, VIEW_MEMBERS, EXPORT, VIEW_AUDIT})
    | CELL_LIFE_READ
    | WORK_READ,
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
    | CELL_LIFE
    | WORK,
}

# Roles a manager may hand out; only an administrator creates administrators.
GRANTABLE_BY = {
    Role.COMMITTEE_STAFF: frozenset(
        {Role.MEMBER, Role.CELL_SECRETARY, Role.COMMITTEE_STAFF, Role.INSPECTOR, Role.LEADER}
    ),
    Role.ADMIN: frozenset(Role.values),
}
