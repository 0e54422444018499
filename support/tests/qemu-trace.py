#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Read a QEMU trace log (QEMU_ARGS="-d trace:EVENT,... -D FILE", QEMU's
"log" trace backend, with or without -msg timestamp=on) and report what
the devices and interrupt controllers did: evidence from outside the
guest for the tests, which never trust what an image says about itself.

  qemu-trace.py irq FILE DEVTYPE
      How the virtio devices interrupted the guest. Needs the events
      virtio_notify, virtio_notify_irqfd (virtio-blk notifies so),
      msix_write_config and ioapic_set_irq. Prints
      "MODE: N notifications, M MSI-X enables, K INTx edges" where MODE
      is "polling" (no notification at all), "MSI-X" (MSI-X enabled on a
      DEVTYPE device, no edge on a PCI interrupt pin), "INTx" (MSI-X
      never enabled, edges on a PCI pin) or "mixed".
  qemu-trace.py queues FILE PAIRS MAXPAIRS
      A multiqueue virtio-net device: needs virtio_queue_notify,
      virtqueue_fill, virtio_notify (or virtio_notify_irqfd) and
      apic_deliver_irq. Checks that the
      device filled receive buffers on at least two of the first PAIRS
      receive queues and on no other, that each pair's transmit queue sent
      as many frames as its receive queue received (the guest answers on
      the queue a frame came in on), that every receive queue in use
      interrupted the guest, and that at least as many distinct interrupt
      vectors reached the local APIC as receive queues were in use.
      Prints one line; exits 1 when a check fails.
  qemu-trace.py rtc FILE
      The RTC's interrupt (ISA IRQ 8) through the IOAPIC: needs
      ioapic_set_irq, ioapic_mem_write and apic_deliver_irq. Prints
      "edges E, unmasked vector V, deliveries D": rising edges on IOAPIC
      pin 8, the vector the guest last programmed into pin 8's
      redirection entry unmasked, and how many interrupts with that vector
      the IOAPIC delivered to the local APIC.
"""
import re
import sys

# PCI INTx lines reach these IOAPIC pins: the PIIX's PIRQ links on -M pc
# (the firmware routes them to 5, 9, 10, 11), GSI 16-23 on -M q35.
PCI_PINS = {5, 9, 10, 11} | set(range(16, 24))


def events(path):
    """(name, arguments) for each event line of the log."""
    pat = re.compile(r"^(?:\d+@[\d.]+:)?([a-z0-9_]+) (.*)$")
    with open(path, errors="replace") as f:
        for line in f:
            m = pat.match(line.rstrip("\n"))
            if m:
                yield m.group(1), m.group(2)


def field(args, name):
    m = re.search(r"\b%s:? (0x[0-9a-f]+|\d+)" % name, args)
    if not m:
        return None
    return int(m.group(1), 0)


def pin_edges(path, pins):
    """Rising edges (0 -> 1) per IOAPIC pin in PINS."""
    level, edges = {}, {}
    for ev, args in events(path):
        if ev != "ioapic_set_irq":
            continue
        pin, lv = field(args, "vector"), field(args, "level")
        if pin not in pins:
            continue
        if lv and not level.get(pin):
            edges[pin] = edges.get(pin, 0) + 1
        level[pin] = lv
    return edges


def irq(path, devtype):
    notes = msix = 0
    for ev, args in events(path):
        if ev in ("virtio_notify", "virtio_notify_irqfd"):
            notes += 1
        elif ev == "msix_write_config" and args.startswith("dev %s " % devtype) \
                and "enabled 1" in args:
            msix += 1
    edges = sum(pin_edges(path, PCI_PINS).values())
    if notes == 0:
        mode = "polling"
    elif msix and not edges:
        mode = "MSI-X"
    elif edges and not msix:
        mode = "INTx"
    else:
        mode = "mixed"
    print("%s: %d notifications, %d MSI-X enables, %d INTx edges" %
          (mode, notes, msix, edges))
    return 0


def queues(path, pairs, maxpairs):
    index, fills, irqs, vectors = {}, {}, {}, set()
    for ev, args in events(path):
        if ev == "virtio_queue_notify":
            index[re.search(r"vq (0x[0-9a-f]+)", args).group(1)] = field(args, "n")
        elif ev == "virtqueue_fill":
            vq = re.search(r"vq (0x[0-9a-f]+)", args).group(1)
            fills[vq] = fills.get(vq, 0) + 1
        elif ev in ("virtio_notify", "virtio_notify_irqfd"):
            vq = re.search(r"vq (0x[0-9a-f]+)", args).group(1)
            irqs[vq] = irqs.get(vq, 0) + 1
        elif ev == "apic_deliver_irq":
            v = field(args, "vector")
            if v:
                vectors.add(v)
    by_n = {}
    for vq, n in index.items():
        by_n[n] = (fills.get(vq, 0), irqs.get(vq, 0))
    unknown = sum(c for vq, c in fills.items() if vq not in index)
    rx = {n // 2: by_n[n] for n in by_n if n % 2 == 0 and n < 2 * maxpairs}
    tx = {n // 2: by_n[n][0] for n in by_n if n % 2 == 1 and n < 2 * maxpairs}
    used = sorted(q for q, (f, _) in rx.items() if f)
    desc = "; ".join("queue %d: rx %d tx %d, %d interrupts" %
                     (q, rx[q][0], tx.get(q, 0), rx[q][1]) for q in used)
    why = []
    if unknown:
        why.append("%d buffers filled on queues the guest never notified" % unknown)
    if len(used) < 2:
        why.append("frames arrived on %d receive queue(s), not several" % len(used))
    if any(q >= pairs for q in used):
        why.append("frames arrived on queues beyond the %d pairs asked" % pairs)
    if any(tx.get(q, 0) != rx[q][0] for q in used):
        why.append("a pair's transmit count differs from its receive count")
    # The start-up probes (an ARP request, a ping: at most 2 frames) may
    # arrive while the driver still polls, before its interrupts are on:
    # a queue that got no more than those need not interrupt; one that
    # got a flow (4 frames) must.
    busy = [q for q in used if rx[q][0] >= 3]
    if any(not rx[q][1] for q in busy):
        why.append("a receive queue that got a flow never interrupted the guest")
    interrupting = [q for q in used if rx[q][1]]
    if len(vectors) < len(interrupting):
        why.append("%d distinct interrupt vectors for %d interrupting receive queues" %
                   (len(vectors), len(interrupting)))
    print("%s; %d distinct vectors%s" % (desc or "no queue used", len(vectors),
                                         ": " + ", ".join(why) if why else ""))
    return 1 if why else 0


def rtc(path):
    vector = None
    for ev, args in events(path):
        if ev == "ioapic_mem_write" and re.search(r"addr 0x10 regsel: 0x20 ", args):
            val = field(args, "val")
            if val is not None and not val & 0x10000:
                vector = val & 0xff
    edges = pin_edges(path, {8}).get(8, 0)
    deliveries = sum(1 for ev, args in events(path)
                     if ev == "apic_deliver_irq" and vector is not None
                     and field(args, "vector") == vector)
    print("edges %d, unmasked vector %s, deliveries %d" %
          (edges, vector if vector is not None else "none", deliveries))
    return 0


def main(a):
    if len(a) == 3 and a[0] == "irq":
        return irq(a[1], a[2])
    if len(a) == 4 and a[0] == "queues":
        return queues(a[1], int(a[2]), int(a[3]))
    if len(a) == 2 and a[0] == "rtc":
        return rtc(a[1])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
