#!/usr/bin/env bash
# Installs the .deb for real (dpkg, its maintainer scripts, adduser) into a throwaway root and writes what it finds
# to OUT/facts as key=value lines (and a few files) for DebInstallIT to judge. Run it under
#   unshare --mount --propagation private --fork bash install-in-throwaway-root.sh DEB OUT PORT
# PORT is a Modbus TCP meter's on 127.0.0.1 (the test's; the root shares this machine's network), read with a map of
# the installer's own.
# The root is an overlay: this machine's / read-only below, a tmpfs on top. Everything dpkg writes lands in the
# tmpfs and disappears with the mount namespace; the host's / is never written. /run is empty in there, so the
# maintainer scripts see no running systemd, as on a first install from a rescue shell.
set -uo pipefail
deb=$1
out=$2
port=$3
mkdir -p "$out"
: > "$out/facts"
fact() { printf '%s=%s\n' "$1" "$2" >> "$out/facts"; }

set -e
top=$(mktemp -d)
# The mounts vanish with this mount namespace; the empty directory they were on would stay in the host's /tmp.
trap 'cd / && umount -R -l "$top" 2>/dev/null; rmdir "$top" || true' EXIT
mount -t tmpfs orderly-install "$top"
mkdir "$top/upper" "$top/work" "$top/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$top/upper,workdir=$top/work" "$top/root"
root=$top/root
mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs tmpfs "$root/tmp"
cp "$deb" "$root/tmp/orderly.deb"
set +e

in_root() { chroot "$root" "$@"; }
as_orderly() { chroot --userspec=orderly:orderly "$root" "$@"; }

fact user.before "$(in_root getent passwd orderly)"

in_root dpkg -i /tmp/orderly.deb > "$out/install.log" 2>&1
fact install.rc $?
fact status "$(in_root dpkg-query -W -f='${Status}' orderly 2>&1)"
fact conffiles "$(in_root dpkg-query -W -f='${Conffiles}' orderly 2>&1 | awk '{print $1}' | tr '\n' ' ')"

fact user.passwd "$(in_root getent passwd orderly)"
fact user.group "$(in_root getent group orderly)"
for path in /var/lib/orderly /etc/orderly /etc/orderly/orderly.yaml /usr/bin/orderly /usr/share/orderly/orderly.jar \
    /usr/share/orderly/config/devices/chint-dtsu666.yaml /lib/systemd/system/orderly.service \
    /usr/share/doc/orderly/copyright /usr/share/doc/orderly/README.md /usr/share/doc/orderly/docs/operations.md; do
  fact "stat:$path" "$(in_root stat -c '%F %U:%G %a' "$path" 2>&1)"
done

in_root systemd-analyze verify /lib/systemd/system/orderly.service > "$out/verify.log" 2>&1
fact verify.rc $?
in_root systemd-analyze security --offline=true /lib/systemd/system/orderly.service > "$out/security.log" 2>&1
fact security.rc $?
fact enabled "$(in_root systemctl is-enabled orderly.service 2>&1)"

# The service user runs the installed command, may write its data directory and may not write the configuration.
as_orderly /usr/bin/orderly --version > "$out/version.log" 2>&1
fact version.rc $?
fact version "$(head -1 "$out/version.log")"
as_orderly touch /var/lib/orderly/probe 2>/dev/null
fact user.writes.data $?
as_orderly touch /etc/orderly/probe 2>/dev/null
fact user.writes.config $?

# A command given no configuration reads the installer's own maps in /etc/orderly/devices, beside the installation's
# configuration the launcher names, with no --devices: an installer's copy of a map, as root (sudo) would run it.
# ORDERLY_JAVA_OPTS naming another configuration wins over the launcher's: its devices/ are read instead.
own_map() {
  mkdir -p "$root/$1"
  printf '%s\n' "model: $2" 'source: "DebInstallIT: a map of the installer'"'"'s own, in this directory only"' \
      'defaults: { function: 3, type: float32, order: big }' 'registers:' \
      '  - { quantity: voltage.a.v, address: 0x2006, scale: 0.1 }' > "$root/$1/$3.yaml"
}
own_map /etc/orderly/devices "Own meter" own-meter
own_map /etc/orderly/site/devices "Site meter" site-meter
read_meter() { # NAME MAP [ORDERLY_JAVA_OPTS]
  in_root env -u ORDERLY_JAVA_OPTS ${3:+ORDERLY_JAVA_OPTS=$3} /usr/bin/orderly modbus read --unit 1 --map "$2" \
      --host 127.0.0.1 --tcp-port "$port" --timeout-ms 2000 > "$out/$1.log" 2>&1
  fact "$1.rc" $?
}
fact meter.port "$port"
read_meter own.read own-meter
read_meter site.read site-meter -Dorderly.config=/etc/orderly/site/orderly.yaml
rm -r "$root/etc/orderly/devices" "$root/etc/orderly/site"

mkdir -p "$out/installed"
cp -a "$root/etc/orderly/orderly.yaml" "$out/installed/orderly.yaml"
cp -a "$root/usr/share/orderly/config/devices" "$out/installed/devices"
cp -a "$root/lib/systemd/system/orderly.service" "$out/installed/orderly.service"
cp -a "$root/usr/share/doc/orderly/copyright" "$out/installed/copyright" 2>/dev/null
cp -a "$root/usr/share/doc/orderly/docs/operations.md" "$out/installed/operations.md" 2>/dev/null

# An admin's edit of the conffile survives a reinstall of the same package.
echo "# edited by the admin" >> "$root/etc/orderly/orderly.yaml"
in_root dpkg -i --force-confold /tmp/orderly.deb > "$out/reinstall.log" 2>&1
fact reinstall.rc $?
fact reinstall.keeps.edit "$(grep -c '^# edited by the admin$' "$root/etc/orderly/orderly.yaml")"

# Upgrades while the gateway runs: a stand-in systemctl (first on PATH, in the overlay only) says the unit is active,
# answers `show` from /tmp/show as the real one does (the lines of the properties asked for, NAME=value or with --value
# the values, in the file's order: systemd's own, not the order asked in), `cat` from /tmp/cat and `show-environment`
# from /tmp/show-environment, and logs each call, so the postinst's decision shows without a running systemd.
# /tmp/show is what systemd 252 printed for the unit with drop-ins of the same kind, /tmp/show-environment what its
# show-environment printed (NAME=value a line, a value a shell would need quoted in $'...'). A stand-in busctl answers
# ExecStartEx's D-Bus property from /tmp/busctl, as systemd 252's busctl printed it, or, without that file, fails as
# busctl does where no system bus runs.
# The packaged configuration names five key files that do not exist yet: the new build refuses it, so the running
# gateway must be left alone, and said so.
mkdir -p "$root/run/systemd/system"
cat > "$root/usr/local/sbin/systemctl" <<'STUB'
#!/bin/sh
echo "$*" >> /tmp/systemctl.calls
if [ "$1" = cat ]; then
  exec cat /tmp/cat
elif [ "$1" = show-environment ]; then
  exec cat /tmp/show-environment
elif [ "$1" = show ]; then
  shift
  props=
  value=
  while [ $# -gt 1 ]; do
    case $1 in
    -p) props="$props $2"; shift 2 ;;
    --value) value=yes; shift ;;
    *) shift ;;
    esac
  done
  while IFS= read -r line; do
    case " $props " in
    *" ${line%%=*} "*) if [ -n "$value" ]; then printf '%s\n' "${line#*=}"; else printf '%s\n' "$line"; fi ;;
    esac
  done < /tmp/show
fi
exit 0
STUB
cat > "$root/usr/local/sbin/busctl" <<'STUB'
#!/bin/sh
echo "busctl $*" >> /tmp/systemctl.calls
[ -f /tmp/busctl ] && exec cat /tmp/busctl
echo "Failed to connect to bus: No such file or directory" >&2
exit 1
STUB
chmod 755 "$root/usr/local/sbin/systemctl" "$root/usr/local/sbin/busctl"
# The packaged unit's properties after ExecStart, as systemctl show prints them.
packaged='WorkingDirectory=/var/lib/orderly
User=orderly
Group=orderly
SupplementaryGroups=dialout'
# upgrade NAME ARGS [PROPERTIES]: an upgrade while the unit runs `orderly run ARGS`, with PROPERTIES after ExecStart.
# ARGS as systemctl show prints them; a drop-in gives them as UNIT_ARGS says (ARGS if unset), after its PREFIX (e.g.
# ":", "+", "@" with ARGV0, argv[0]) whose FLAGS systemctl show and busctl name (e.g. "no-env-expand"). BUS is what
# busctl prints of ExecStartEx (unset: no system bus); MANAGER what systemctl show-environment does (unset: systemd's
# PATH alone, as with no locale set).
manager_path=PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
upgrade() {
  { printf '%s%s\n' "ExecStartEx={ path=/usr/bin/orderly ; argv[]=${ARGV0:-/usr/bin/orderly} run $2 ; " \
        "flags=${FLAGS:-} ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }"
    printf '%s\n' "${3:-$packaged}"; } > "$root/tmp/show"
  printf '%s\n' "${MANAGER:-$manager_path}" > "$root/tmp/show-environment"
  printf '%s\n' '# /lib/systemd/system/orderly.service' '[Service]' \
      'ExecStart=/usr/bin/orderly run --config /etc/orderly/orderly.yaml' '' \
      '# /etc/systemd/system/orderly.service.d/site.conf' '[Service]' 'ExecStart=' \
      "ExecStart=${PREFIX:-}/usr/bin/orderly ${ARGV0:+$ARGV0 }run ${UNIT_ARGS:-$2}" > "$root/tmp/cat"
  rm -f "$root/tmp/busctl"
  [ -z "${BUS:-}" ] || printf '%s\n' "$BUS" > "$root/tmp/busctl"
  : > "$root/tmp/systemctl.calls"
  in_root env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      dpkg -i --force-confold /tmp/orderly.deb > "$out/$1.log" 2>&1
  fact "$1.rc" $?
  fact "$1.status" "$(in_root dpkg-query -W -f='${Status}' orderly 2>&1)"
  fact "$1.calls" "$(paste -sd '|' "$root/tmp/systemctl.calls")"
}
upgrade upgrade.refused "--config /etc/orderly/orderly.yaml"
# The keys the configuration names, readable by the service's group only: checked as root this would prove nothing.
# p01's is readable through the unit's SupplementaryGroups= (dialout, as the serial adapters are) and not the user's.
mkdir -p "$root/etc/orderly/keys"
for i in 1 2 3 4 5; do echo "test-only-key-$i" > "$root/etc/orderly/keys/p0$i.psk"; done
in_root chown -R root:orderly /etc/orderly/keys
in_root chgrp dialout /etc/orderly/keys/p01.psk
chmod 750 "$root/etc/orderly/keys"
chmod 640 "$root"/etc/orderly/keys/*.psk
# A drop-in's --devices is checked too: here one naming a directory that does not exist.
upgrade upgrade.refused.devices "--config /etc/orderly/orderly.yaml --devices /etc/orderly/no-such-devices"
# A drop-in's empty SupplementaryGroups=: p01's key is out of the service's reach.
upgrade upgrade.refused.groups "--config /etc/orderly/orderly.yaml" 'WorkingDirectory=/var/lib/orderly
User=orderly
Group=orderly'
upgrade upgrade.accepted "--config /etc/orderly/orderly.yaml"
# A drop-in whose ExecStart takes the configuration from the environment: Environment= names a file that does not exist
# and the options for --devices (a value with spaces, a whole word $NAME split as systemd splits it); the
# EnvironmentFile= after it names the real one, relative to the unit's WorkingDirectory=; a second, optional one
# ("-" in the unit) is missing. The stopping case: a required EnvironmentFile= that is missing.
cp -p "$root/etc/orderly/orderly.yaml" "$root/etc/orderly/site.yaml"
printf '%s\n' '# The compound'"'"'s configuration, relative to the WorkingDirectory=' 'ORDERLY_CONFIG="site.yaml"' \
    > "$root/etc/default/orderly"
devices=/usr/share/orderly/config/devices
environment='Environment=ORDERLY_CONFIG=/etc/orderly/no-such.yaml "ORDERLY_DEVICES=--devices '$devices'"
EnvironmentFiles=/etc/default/orderly (ignore_errors=no)
EnvironmentFiles=/etc/default/orderly-local (ignore_errors=yes)
WorkingDirectory=/etc/orderly
User=orderly
Group=orderly
SupplementaryGroups=dialout'
upgrade upgrade.environment '--config ${ORDERLY_CONFIG} $ORDERLY_DEVICES' "$environment"
upgrade upgrade.refused.environmentfile '--config ${ORDERLY_CONFIG}' \
    'EnvironmentFiles=/etc/default/orderly-missing (ignore_errors=no)
WorkingDirectory=/var/lib/orderly
User=orderly
Group=orderly
SupplementaryGroups=dialout'
# A drop-in whose ExecStart quotes arguments holding a space (one a UTF-8 name): systemctl show prints them split at
# it; busctl, as systemd 252's printed it, whole. Without the system bus the check cannot tell, and says so. The drop-in
# sets LANG=C.UTF-8 as well: the JVM reads no UTF-8 file name in the C locale, which is all the throwaway root gives.
cp -p "$root/etc/orderly/orderly.yaml" "$root/etc/orderly/my site.yaml"
mkdir "$root/etc/orderly/Zürich maps"
quoted_bus='a(sasasttttuii) 1 "/usr/bin/orderly" 6 "/usr/bin/orderly" "run" "--config" "/etc/orderly/my site.yaml"'
quoted_bus="$quoted_bus"' "--devices" "/etc/orderly/Z\303\274rich maps" 0 0 0 0 0 0 0 0'
UNIT_ARGS='--config "/etc/orderly/my site.yaml" --devices "/etc/orderly/Zürich maps"' BUS=$quoted_bus \
    upgrade upgrade.quoted '--config /etc/orderly/my site.yaml --devices /etc/orderly/Zürich maps' \
    "Environment=LANG=C.UTF-8
$packaged"
UNIT_ARGS='--config "/etc/orderly/my site.yaml" --devices "/etc/orderly/Zürich maps"' \
    upgrade upgrade.quoted.nobus '--config /etc/orderly/my site.yaml --devices /etc/orderly/Zürich maps' \
    "Environment=LANG=C.UTF-8
$packaged"
# The service manager's own environment comes first, as systemd gives it every service: here LANG, as
# /etc/default/locale or `systemctl set-environment` gives it, with no LANG in the unit, and a --config with a UTF-8
# letter, which the JVM reads in that locale only. What the real systemd 252 printed, with a value in $'...' as well.
cp -p "$root/etc/orderly/orderly.yaml" "$root/etc/orderly/Zürich.yaml"
MANAGER="LANG=C.UTF-8
$manager_path
SITE=\$'a b'" upgrade upgrade.manager.locale '--config /etc/orderly/Zürich.yaml'
# ExecStart's prefixes (systemd.service(5), "Command lines"). ":" passes ${SITE} as written: the configuration is a file
# of that very name, and Environment= names one that does not exist; with busctl and with systemctl show alone.
cp -p "$root/etc/orderly/orderly.yaml" "$root/etc/orderly/\${SITE}.yaml"
noexpand_bus='a(sasasttttuii) 1 "/usr/bin/orderly" 4 "/usr/bin/orderly" "run" "--config" "/etc/orderly/${SITE}.yaml"'
noexpand_bus="$noexpand_bus"' 1 "no-env-expand" 0 0 0 0 0 0 0'
PREFIX=: FLAGS=no-env-expand BUS=$noexpand_bus upgrade upgrade.prefix.noexpand '--config /etc/orderly/${SITE}.yaml' \
    "Environment=SITE=no-such
$packaged"
PREFIX=: FLAGS=no-env-expand upgrade upgrade.prefix.noexpand.nobus '--config /etc/orderly/${SITE}.yaml' \
    "Environment=SITE=no-such
$packaged"
# "@": the word after the path is argv[0], "run" the one after it.
PREFIX=@ ARGV0=orderly-gateway upgrade upgrade.prefix.argv0 '--config /etc/orderly/site.yaml'
# "+" and "!" start it as root (User=, Group=, SupplementaryGroups= not applied), so p01's key is read without the
# SupplementaryGroups= that gives it to the service's user; "!!" (ambient capabilities, which this kernel has) and "-"
# change nothing of that.
nogroups='WorkingDirectory=/var/lib/orderly
User=orderly
Group=orderly'
PREFIX=+ FLAGS=privileged upgrade upgrade.prefix.privileged "--config /etc/orderly/orderly.yaml" "$nogroups"
PREFIX='!' FLAGS=no-setuid upgrade upgrade.prefix.nosetuid "--config /etc/orderly/orderly.yaml" "$nogroups"
PREFIX='!!' FLAGS=ambient upgrade upgrade.prefix.ambient "--config /etc/orderly/orderly.yaml" "$nogroups"
PREFIX=- FLAGS=ignore-failure upgrade upgrade.prefix.ignore "--config /etc/orderly/orderly.yaml" "$nogroups"
rm -r "$root/run/systemd/system" "$root/usr/local/sbin/systemctl" "$root/usr/local/sbin/busctl" \
    "$root/etc/orderly/keys" "$root/etc/orderly/site.yaml" "$root/etc/default/orderly" "$root/etc/orderly/my site.yaml" \
    "$root/etc/orderly/Zürich maps" "$root/etc/orderly/Zürich.yaml" "$root/etc/orderly/\${SITE}.yaml"

in_root dpkg --purge orderly > "$out/purge.log" 2>&1
fact purge.rc $?
for path in /usr/share/orderly /usr/share/doc/orderly /usr/bin/orderly /lib/systemd/system/orderly.service /etc/orderly \
    /var/lib/orderly; do
  if [ -e "$root$path" ]; then fact "after.purge:$path" present; else fact "after.purge:$path" absent; fi
done
fact user.after.purge "$(in_root getent passwd orderly)"
exit 0
