#!/usr/bin/env bash
# Installs the .deb into a throwaway root, boots systemd there as PID 1 and starts the packaged orderly.service on the
# test's configuration, so the unit's sandbox (its ProtectSystem=, SystemCallFilter=, DeviceAllow= ...) is applied by
# a real systemd to the real JVM. Writes what it finds to OUT/facts as key=value lines (and a few files) for
# UnitUnderSystemdIT to judge. Run it under
#   unshare --mount --propagation private --fork bash start-unit-under-systemd.sh DEB OUT CONFIG_DIR
# CONFIG_DIR holds orderly.yaml and any files it names (keys/): it becomes /etc/orderly, root:orderly, 640 and 750.
#
# The root is an overlay of this machine's / with a tmpfs on top, as in install-in-throwaway-root.sh. The systemd in
# it must not touch the host, so it gets what systemd-nspawn gives a container (without needing systemd-nspawn): its
# own PID, cgroup, network, UTS and IPC namespaces; a /dev of its own with the pseudo devices only (no host device for
# udev to rename or chmod); /sys and /proc/sys read-only (udev, systemd-sysctl and the like skip themselves); a
# capability bounding set without CAP_SYS_MODULE, CAP_SYS_TIME, CAP_SYS_RAWIO, CAP_SYSLOG, CAP_WAKE_ALARM
# (CAP_NET_ADMIN stays, as with systemd-nspawn --private-network: systemd brings up the namespace's loopback with it,
# the only interface there); a cgroup of its own under the host's cgroup2 hierarchy, removed at the end.
set -uo pipefail
deb=$1
out=$2
config_dir=$3
config=$config_dir/orderly.yaml
mkdir -p "$out"
: > "$out/facts"
fact() { printf '%s=%s\n' "$1" "$2" >> "$out/facts"; }

pid1=
ns=
cgroup=
stop_all() {
  # Everything in the cgroup systemd booted in (systemd, the gateway, any helper), whether or not PID 1 was found: it
  # sits outside the test's own cgroup, so nothing else would end it.
  if [ -n "$cgroup" ] && [ -f "$cgroup/cgroup.kill" ]; then
    echo 1 > "$cgroup/cgroup.kill" 2>/dev/null
  fi
  if [ -n "$pid1" ]; then
    kill -KILL "$pid1" 2>/dev/null
  fi
  if [ -n "$ns" ]; then
    kill -KILL "$ns" 2>/dev/null
    wait "$ns" 2>/dev/null
  fi
  # The cgroups systemd made under ours, innermost first, once their processes are gone.
  for _ in $(seq 1 50); do
    [ -n "$cgroup" ] && [ -d "$cgroup" ] || break
    find "$cgroup" -depth -type d -exec rmdir {} + 2>/dev/null
    sleep 0.1
  done
  # The mounts vanish with this mount namespace; the empty directory they were on would stay in the host's /tmp.
  cd /
  umount -R -l "$top" 2>/dev/null || true
  rmdir "$top" || true
}

set -e
top=$(mktemp -d)
trap stop_all EXIT
mount -t tmpfs orderly-systemd "$top"
mkdir "$top/upper" "$top/work" "$top/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$top/upper,workdir=$top/work" "$top/root"
root=$top/root
mount -t tmpfs -o mode=755,nosuid dev "$root/dev"
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r name major minor <<< "$node"
  mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs tmpfs "$root/tmp"
cp "$deb" "$root/tmp/orderly.deb"
mount --bind /proc "$root/proc"
chroot "$root" dpkg -i /tmp/orderly.deb > "$out/install.log" 2>&1
umount "$root/proc"
# Two RS-485 adapters' nodes as udev makes them on a gateway (ttyUSB: major 188, root:dialout 660). No driver serves
# them here, so opening one fails with ENXIO ("No such device or address") once the unit and the file's mode let the
# service through, and with EPERM or EACCES where they do not.
# Minors 254 and 255, not 7 and 8: a gateway machine with a multi-port adapter must not have its real field bus written
# to by the test's gateway; the script stops if this machine has a device there.
for minor in 254 255; do
  if [ -e "/sys/dev/char/188:$minor" ]; then
    echo "this machine has a USB serial device at 188:$minor; not making a node that would reach it" >&2
    exit 1
  fi
done
for name in 7 8; do
  mknod -m 660 "$root/dev/ttyUSB$name" c 188 $((247 + name))
  chroot "$root" chgrp dialout "/dev/ttyUSB$name"
done
cp -r "$config_dir/." "$root/etc/orderly/"
chroot "$root" chown -R root:orderly /etc/orderly
find "$root/etc/orderly" -type d -exec chmod 750 {} + -o -type f -exec chmod 640 {} +
# The only unit this boot starts: orderly.service then brings its own dependencies (sysinit.target and so on).
printf '[Unit]\nDescription=Throwaway boot for UnitUnderSystemdIT\n' > "$root/etc/systemd/system/orderly-it.target"
cp "$root/lib/systemd/system/orderly.service" "$out/orderly.service"

cgroup=/sys/fs/cgroup/unified/orderly-it-$$
[ -d /sys/fs/cgroup/unified ] || cgroup=/sys/fs/cgroup/orderly-it-$$
mkdir "$cgroup"
set +e

CGROUP=$cgroup bash -c 'echo $$ > "$CGROUP/cgroup.procs" && exec "$@"' boot \
    unshare --pid --cgroup --net --uts --ipc --mount --fork --kill-child env ROOT="$root" bash -c '
  set -e
  # pivot_root, not chroot: the host'"'"'s mounts must be gone from this namespace, or the service'"'"'s sandbox, which
  # systemd builds from /proc/self/mountinfo, brings the host'"'"'s /dev back in.
  mount --make-rprivate /
  cd "$ROOT"
  mkdir -p .host
  pivot_root . .host
  cd /
  mount -t proc -o nosuid,nodev,noexec proc /proc
  umount -l /.host
  rmdir /.host
  mount --bind /proc/sys /proc/sys
  mount -o remount,bind,ro /proc/sys
  mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
  mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 /sys/fs/cgroup
  exec setpriv --bounding-set -sys_module,-sys_time,-sys_rawio,-syslog,-wake_alarm \
      env container=orderly-it /lib/systemd/systemd --system --unit=orderly-it.target
' > "$out/systemd.log" 2>&1 &
ns=$!

# PID 1 of the new namespace: the child of unshare.
for _ in $(seq 1 100); do
  pid1=$(ps -o pid= --ppid "$ns" | tr -d ' ')
  [ -n "$pid1" ] && [ "$(cat "/proc/$pid1/comm" 2>/dev/null)" = systemd ] && break
  pid1=
  sleep 0.1
done
in_ns() { nsenter --target "$pid1" --mount --pid --net --uts --ipc --root --wd "$@"; }
if [ -z "$pid1" ]; then
  fact boot.rc "systemd did not start"
  exit 0
fi
for _ in $(seq 1 300); do
  in_ns test -S /run/systemd/private && break
  sleep 0.1
done
fact boot.state "$(in_ns timeout 60 systemctl is-system-running --wait 2>&1)"

start=$(date +%s%N)
in_ns timeout 180 systemctl start orderly.service > "$out/start.log" 2>&1
fact start.rc $?
fact start.ms $(( ($(date +%s%N) - start) / 1000000 ))
for p in ActiveState SubState NRestarts Result ExecMainStatus; do
  fact "show.$p" "$(in_ns systemctl show -p "$p" --value orderly.service)"
done
main=$(in_ns systemctl show -p MainPID --value orderly.service)
for k in NoNewPrivs Seccomp CapEff CapBnd Umask Groups; do
  fact "proc.$k" "$(in_ns awk -v k="$k:" '$1 == k { $1 = ""; sub(/^ +/, ""); print }' "/proc/$main/status" 2>&1)"
done
# The serial adapter as the service sees it: a shell in the service's cgroup (its device ACL) and mount namespace (its
# /dev), with its main process's uid, gid and groups, opens the node read-only (no O_CREAT: nothing is made if it is
# missing); the kernel's answer says which of them, if any, stood in the way. (Not its user namespace, whose unmapped
# groups setpriv could not set: the gateway's own DL/T 645 line, in the journal, covers that.)
creds=$(in_ns awk '$1 == "Uid:" { u = $2 } $1 == "Gid:" { g = $2 } $1 == "Groups:" { $1 = ""; gs = $0 }
    END { gsub(/^ +| +$/, "", gs); gsub(/ +/, ",", gs); print "--reuid=" u " --regid=" g " --groups=" gs }' \
    "/proc/$main/status")
probe="echo \$\$ > /sys/fs/cgroup/system.slice/orderly.service/cgroup.procs && exec nsenter --target $main --mount \
    setpriv $creds bash -c 'exec 3</dev/ttyUSB7 && echo opened'"
fact serial.open "$(in_ns bash -c "$probe" 2>&1 | sed 's/^.*ttyUSB7: //')"
fact limits.nofile "$(in_ns awk '/^Max open files/ { print $4 " " $5 }' "/proc/$main/limits")"
fact gid.dialout "$(in_ns getent group dialout | cut -d: -f3)"

# The local page, from inside the namespace's network (bash's /dev/tcp: no client program needed).
port=$(awk '/^web:/ && match($0, /port: *[0-9]+/) { s = substr($0, RSTART, RLENGTH); sub(/port: */, "", s); print s }' \
    "$config")
get="exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -1 <&3"
fact web.status "$(in_ns bash -c "$get" 2>&1 | tr -d '\r')"

# A few seconds of running: the serial bus tries its port, the pile drivers and the upstream link their sockets.
sleep 5
fact running.ActiveState "$(in_ns systemctl show -p ActiveState --value orderly.service)"
in_ns systemd-analyze security orderly.service > "$out/security.log" 2>&1
fact security.rc $?
in_ns systemd-analyze security --offline=true /lib/systemd/system/orderly.service > "$out/security-offline.log" 2>&1

# An upgrade under this systemd, with the D-Bus system bus running, of the unit as a drop-in gives it a --config in
# quotes holding a space: the postinst's check must take that argument whole (systemctl show prints it split) and
# restart the unit, which systemd starts on that file. The file's name has a UTF-8 letter, which the JVM reads only
# in a UTF-8 locale: the unit sets no LANG, the service manager's environment does (set-environment, as
# /etc/default/locale would at boot), and systemd gives it to the service, so the check must run in it too.
in_ns systemctl start dbus.socket > "$out/dbus.log" 2>&1
fact dbus.rc $?
in_ns systemctl set-environment LANG=C.UTF-8
fact manager.environment "$(in_ns systemctl show-environment | paste -sd '|')"
in_ns cp -p /etc/orderly/orderly.yaml "/etc/orderly/Zürich site.yaml"
mkdir -p "$root/etc/systemd/system/orderly.service.d"
printf '%s\n' '[Service]' 'ExecStart=' 'ExecStart=/usr/bin/orderly run --config "/etc/orderly/Zürich site.yaml"' \
    > "$root/etc/systemd/system/orderly.service.d/site.conf"
in_ns systemctl daemon-reload
# Not /tmp: systemd mounts a tmpfs of its own there at boot.
cp "$deb" "$root/var/tmp/orderly.deb"
in_ns timeout 300 dpkg -i /var/tmp/orderly.deb > "$out/upgrade.log" 2>&1
fact upgrade.rc $?
fact upgrade.ActiveState "$(in_ns systemctl show -p ActiveState --value orderly.service)"
fact upgrade.MainPID.before "$main"
main=$(in_ns systemctl show -p MainPID --value orderly.service)
fact upgrade.MainPID "$main"
fact upgrade.cmdline "$(in_ns sh -c 'tr "\0" "|" < "/proc/$1/cmdline"' sh "$main")"

in_ns timeout 60 systemctl stop orderly.service > "$out/stop.log" 2>&1
fact stop.rc $?
for p in ActiveState Result ExecMainStatus; do
  fact "stopped.$p" "$(in_ns systemctl show -p "$p" --value orderly.service)"
done
in_ns journalctl --no-pager -o short-monotonic -u orderly.service > "$out/journal.log" 2>&1
in_ns journalctl --no-pager -o short-monotonic > "$out/journal-all.log" 2>&1
exit 0
