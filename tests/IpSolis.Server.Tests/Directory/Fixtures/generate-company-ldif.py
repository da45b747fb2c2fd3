#!/usr/bin/env python3
"""Generates company.ldif: the OpenLDAP test directory scripts/test-services/ldap.sh loads.

A company of 200 people in four management levels (a CEO, 5 vice presidents, 20 team leads, 174 employees) under
dc=example,dc=com, with nested groups (all-staff > department > team > people), application groups that nest
department groups, a membership cycle, a chain deeper than the adapter's expansion bound, a disabled account
(ppolicy pwdAccountLockedTime) and people whose names carry LDAP special characters. Deterministic: the same
output every run, so the committed LDIF and the tests agree. Every person's password is PASSWORD below.

    python3 generate-company-ldif.py > company.ldif
"""
import base64
import hashlib
import random

BASE = "dc=example,dc=com"
PEOPLE = f"ou=people,{BASE}"
GROUPS = f"ou=groups,{BASE}"
PASSWORD = "Company-Pa55!"
SERVICE_DN = f"cn=ipsolis-service,ou=services,{BASE}"
SERVICE_PASSWORD = "service-account-secret"

FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Katrin", "Lukas",
         "Mara", "Nils", "Olga", "Paul", "Queenie", "Rafael", "Sofia", "Tim", "Ulla", "Viktor", "Wiebke", "Xaver",
         "Yara", "Zoe"]
LAST = ["Schmidt", "Keller", "Walter", "Brandt", "Fischer", "Hoffmann", "Koch", "Lange", "Meyer", "Neumann",
        "Peters", "Richter", "Schulz", "Vogel", "Wagner", "Zimmermann", "Berg", "Frank", "Graf", "Haas"]
DEPARTMENTS = [("Sales", "CC-1100"), ("Engineering", "CC-2100"), ("Finance", "CC-3100"), ("Operations", "CC-4100"),
               ("Marketing", "CC-5100")]


def ssha(password: str, salt: bytes) -> str:
    digest = hashlib.sha1(password.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def dn_value(value: str) -> str:
    """RFC 4514 escaping for the generated names (the fixture itself must be built safely too)."""
    out = []
    for i, ch in enumerate(value):
        if ch in ',+"\\<>;=' or (ch == '#' and i == 0) or (ch == ' ' and i in (0, len(value) - 1)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def attr(name: str, value: str) -> str:
    # Values that LDIF cannot carry plainly (leading space, colon or '<', non-ASCII) are base64.
    if value and (value[0] in " :<" or value[-1] == " " or any(ord(c) > 126 or ord(c) < 32 for c in value)):
        return f"{name}:: {base64.b64encode(value.encode()).decode()}"
    return f"{name}: {value}"


def main() -> None:
    rnd = random.Random(20261207)
    out = []

    def entry(dn, lines):
        out.append(attr("dn", dn))
        out.extend(lines)
        out.append("")

    entry(BASE, ["objectClass: top", "objectClass: dcObject", "objectClass: organization", "o: Example Corp",
                 "dc: example"])
    for ou in ("people", "groups", "services"):
        entry(f"ou={ou},{BASE}", ["objectClass: organizationalUnit", f"ou: {ou}"])
    entry(SERVICE_DN, ["objectClass: person", "cn: ipsolis-service", "sn: service",
                       f"userPassword: {ssha(SERVICE_PASSWORD, b'svc-salt')}"])

    people = []  # (uid, dn, department, cost centre, manager dn or None, team index or None)
    used = set()

    def person(level, title, department, cost_centre, manager_dn, extra=None, uid=None, given=None, family=None):
        if uid is None:
            while True:
                given, family = rnd.choice(FIRST), rnd.choice(LAST)
                uid = f"{given}.{family}".lower()
                n = 2
                while uid in used:
                    uid = f"{given}.{family}{n}".lower()
                    n += 1
                break
        used.add(uid)
        dn = f"uid={dn_value(uid)},{PEOPLE}"
        number = len(people) + 1
        lines = ["objectClass: inetOrgPerson", attr("uid", uid), attr("cn", f"{given} {family}"), attr("sn", family),
                 attr("givenName", given), attr("displayName", f"{given} {family}"), f"mail: {uid}@example.com",
                 attr("title", title), attr("ou", department), f"departmentNumber: {cost_centre}", "o: Example Corp",
                 f"employeeNumber: E{number:05d}",
                 f"userPassword: {ssha(PASSWORD, f'salt{number:05d}'.encode())}"]
        if manager_dn:
            lines.append(attr("manager", manager_dn))
        lines.extend(extra or [])
        entry(dn, lines)
        people.append((uid, dn, department, cost_centre, manager_dn, level))
        return dn

    ceo = person(1, "Chief Executive Officer", "Executive", "CC-0001", None, uid="victoria.king", given="Victoria",
                 family="King")
    teams = []  # (department, cost centre, lead dn, team number, member dns)
    for d, (department, cost_centre) in enumerate(DEPARTMENTS):
        vp = person(2, f"Vice President {department}", department, cost_centre, ceo)
        for t in range(4):
            lead = person(3, f"Team Lead {department}", department, cost_centre, vp)
            teams.append([department, cost_centre, lead, t + 1, [lead]])
    # 174 employees spread over the 20 teams; the last slots hold the special people below.
    for i in range(174 - 4):
        team = teams[i % len(teams)]
        team[4].append(person(4, f"{team[0]} Specialist", team[0], team[1], team[2]))
    sales_team = teams[0]
    # A disabled account: ppolicy's permanent lock (slapd refuses the bind too) and what the adapter honours.
    sales_team[4].append(person(4, "Sales Specialist", "Sales", "CC-1100", sales_team[2], uid="dora.disabled",
                                given="Dora", family="Disabled", extra=["pwdAccountLockedTime: 000001010000Z"]))
    # Names carrying filter and DN metacharacters: lookups must treat them as plain text.
    sales_team[4].append(person(4, "Sales Specialist", "Sales", "CC-1100", sales_team[2], uid="star*user",
                                given="Star", family="User (contractor)"))
    sales_team[4].append(person(4, "Sales Specialist", "Sales", "CC-1100", sales_team[2], uid="comma,plus+user",
                                given="Comma", family="Plus"))
    # The person the injection tests try to reach by a wildcard.
    sales_team[4].append(person(4, "Auditor", "Finance", "CC-3100", sales_team[2], uid="zz.target", given="Zz",
                                family="Target"))

    def group(cn, members, description):
        lines = ["objectClass: groupOfNames", attr("cn", cn), attr("description", description)]
        lines.extend(attr("member", m) for m in members)
        dn = f"cn={dn_value(cn)},{GROUPS}"
        entry(dn, lines)
        return dn

    team_groups = {}
    for department, _, _, number, members in teams:
        team_groups.setdefault(department, []).append(group(f"team-{department.lower()}-{number}", members,
                                                            f"{department} team {number}"))
    department_groups = {}
    for department, _ in DEPARTMENTS:
        leaders = [dn for uid, dn, dep, _, _, level in people if dep == department and level == 2]
        department_groups[department] = group(f"dept-{department.lower()}", team_groups[department] + leaders,
                                              f"Everyone in {department}")
    group("all-staff", list(department_groups.values()) + [ceo], "Everyone")
    group("app-crm-users", [department_groups["Sales"], department_groups["Marketing"]], "CRM application access")
    group("app-erp-users", [department_groups["Finance"]], "ERP application access")
    group("app-vdi-power", [team_groups["Engineering"][0]], "Power VDI: one engineering team")
    # A cycle: expansion must terminate.
    group("cycle-a", [f"cn=cycle-b,{GROUPS}", teams[5][2]], "Nested cycle, part A")
    group("cycle-b", [f"cn=cycle-a,{GROUPS}"], "Nested cycle, part B")
    # A chain of 14 levels above a team: deeper than the expansion bound of 10 levels.
    previous = team_groups["Operations"][0]
    for level in range(1, 15):
        previous = group(f"deep-{level:02d}", [previous], f"Chain level {level}")
    # An empty group (groupOfNames needs a member: the service account stands in, as the adapter does).
    group("empty-app", [SERVICE_DN], "No people yet")

    print("\n".join(out))


if __name__ == "__main__":
    main()
