// Tests of the PC board devices: UART, interrupt controllers, interval timer, port B, port 92,
// keyboard controller, debug console, isa-debug-exit, POST port and the Bochs shutdown port.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/types.h"
#include "mem/bus.h"
#include "platform/bochs_shutdown_port.h"
#include "platform/debug_console.h"
#include "platform/irq.h"
#include "platform/isa_debug_exit.h"
#include "platform/kbc8042.h"
#include "platform/pic8259_pair.h"
#include "platform/pit8254.h"
#include "platform/port92.h"
#include "platform/post_port.h"
#include "platform/system_control_port_b.h"
#include "platform/uart16550.h"
#include "timing/clock.h"
#include "trace/events.h"
#include "trace/sink.h"

namespace vtsim::platform {
namespace {

// ---- Shared fakes ------------------------------------------------------------------------------

struct IrqEvent {
  unsigned line;
  bool level;
  bool operator==(const IrqEvent&) const = default;
};

std::ostream& operator<<(std::ostream& os, const IrqEvent& e) {
  return os << "{line " << e.line << ", " << (e.level ? "high" : "low") << "}";
}

// Records every level change a device drives.
class FakeIrqSink : public IrqSink {
 public:
  void set_irq(unsigned line, bool level) override { events.push_back({line, level}); }
  std::vector<IrqEvent> events;
};

u8 in8(mem::PortDevice& dev, u16 port) { return static_cast<u8>(dev.port_in(port, 1)); }
void out8(mem::PortDevice& dev, u16 port, u8 value) { dev.port_out(port, 1, value); }

// ---- Uart16550 ---------------------------------------------------------------------------------

class UartTest : public ::testing::Test {
 protected:
  static constexpr u16 kBase = 0x3F8;
  enum Reg : u16 {
    kData = 0,
    kIer = 1,
    kIir = 2,
    kLcr = 3,
    kMcr = 4,
    kLsr = 5,
    kMsr = 6,
    kScr = 7
  };

  u8 read(Reg r) { return in8(uart, kBase + r); }
  void write(Reg r, u8 v) { out8(uart, kBase + r, v); }

  std::string output;
  FakeIrqSink irq;
  Uart16550 uart{[this](u8 b) { output.push_back(static_cast<char>(b)); }, &irq};
};

TEST_F(UartTest, ResetValues) {
  EXPECT_EQ(read(kIer), 0x00);
  EXPECT_EQ(read(kIir), 0x01);
  EXPECT_EQ(read(kLcr), 0x00);
  EXPECT_EQ(read(kMcr), 0x00);
  EXPECT_EQ(read(kLsr), 0x60);  // THRE | TEMT
  EXPECT_EQ(read(kMsr), 0xB0);  // DCD | DSR | CTS from the far end, no deltas
  EXPECT_TRUE(irq.events.empty());
}

TEST_F(UartTest, TransmittedBytesReachTheOutputAtOnce) {
  write(kData, 'h');
  write(kData, 'i');
  EXPECT_EQ(output, "hi");
  EXPECT_EQ(read(kLsr), 0x60);
}

TEST_F(UartTest, DlabSelectsTheDivisorLatch) {
  write(kLcr, 0x83);
  write(kData, 0x0C);
  write(kIer, 0x01);
  EXPECT_EQ(uart.divisor(), 0x010C);
  EXPECT_EQ(read(kData), 0x0C);
  EXPECT_EQ(read(kIer), 0x01);
  EXPECT_EQ(read(kLcr), 0x83);
  EXPECT_EQ(output, "");
  write(kLcr, 0x03);
  EXPECT_EQ(read(kIer), 0x00);  // IER was not touched by the DLM write
  write(kData, 'x');
  EXPECT_EQ(output, "x");
  EXPECT_EQ(uart.divisor(), 0x010C);
}

TEST_F(UartTest, ReceivedByteSetsDataReady) {
  EXPECT_TRUE(uart.push_input('q'));
  EXPECT_EQ(read(kLsr), 0x61);
  EXPECT_EQ(read(kData), 'q');
  EXPECT_EQ(read(kLsr), 0x60);
  EXPECT_EQ(read(kData), 'q');  // an empty RBR reads the last byte again
}

TEST_F(UartTest, ScratchRegisterHoldsAByte) {
  write(kScr, 0x5A);
  EXPECT_EQ(read(kScr), 0x5A);
}

TEST_F(UartTest, EnablingThreInterruptRaisesIrq4) {
  write(kIer, 0x02);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}}));
  EXPECT_EQ(read(kIir), 0x02);  // reading IIR clears the THRE interrupt
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}, {4, false}}));
  EXPECT_EQ(read(kIir), 0x01);
  write(kData, 'a');  // THR empties again at once
  EXPECT_EQ(irq.events.back(), (IrqEvent{4, true}));
  write(kIer, 0x00);
  EXPECT_EQ(irq.events.back(), (IrqEvent{4, false}));
  EXPECT_EQ(irq.events.size(), 4u);
}

TEST_F(UartTest, ReceivedDataInterrupt) {
  write(kIer, 0x01);
  EXPECT_TRUE(irq.events.empty());
  uart.push_input('z');
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}}));
  EXPECT_EQ(read(kIir), 0x04);
  EXPECT_EQ(read(kData), 'z');
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}, {4, false}}));
  EXPECT_EQ(read(kIir), 0x01);
}

TEST_F(UartTest, InterruptIdentificationFollowsPriority) {
  write(kIer, 0x0F);  // THRE becomes pending
  uart.push_input('a');
  EXPECT_EQ(read(kIir), 0x04);         // received data outranks THRE
  EXPECT_FALSE(uart.push_input('b'));  // 16450 mode: overrun, 'b' replaces 'a'
  EXPECT_EQ(read(kIir), 0x06);         // line status outranks received data
  EXPECT_EQ(read(kLsr), 0x63);         // DR | OE | THRE | TEMT; reading clears OE
  EXPECT_EQ(read(kIir), 0x04);
  EXPECT_EQ(read(kData), 'b');
  EXPECT_EQ(read(kIir), 0x02);
  EXPECT_EQ(read(kIir), 0x01);  // the THRE interrupt was cleared by the last read
  write(kMcr, 0x10);            // loopback changes CTS, DSR, DCD: modem status
  EXPECT_EQ(read(kIir), 0x00);
  EXPECT_EQ(read(kMsr), 0x0B);
  EXPECT_EQ(read(kIir), 0x01);
}

TEST_F(UartTest, LoopbackFeedsTransmitterToReceiver) {
  write(kMcr, 0x10);
  write(kData, 0x55);
  EXPECT_EQ(output, "");
  EXPECT_EQ(read(kLsr), 0x61);
  EXPECT_EQ(read(kData), 0x55);
  EXPECT_FALSE(uart.push_input(0x11));  // the serial input is disconnected
  EXPECT_FALSE(uart.accepts_input());
  EXPECT_EQ(read(kLsr), 0x60);
}

TEST_F(UartTest, LoopbackWiresModemOutputsToInputs) {
  write(kMcr, 0x10);
  EXPECT_EQ(read(kMsr), 0x0B);  // CTS, DSR, DCD fell: DCTS | DDSR | DDCD
  EXPECT_EQ(read(kMsr), 0x00);
  write(kMcr, 0x1F);
  EXPECT_EQ(read(kMsr), 0xFB);  // all four inputs high; RI rising sets no delta
  write(kMcr, 0x1B);
  EXPECT_EQ(read(kMsr), 0xB4);  // OUT1 off: RI falls, TERI
  write(kMcr, 0x00);
  EXPECT_EQ(read(kMsr), 0xB0);  // back to the far end, which matches the looped lines
}

TEST_F(UartTest, ModemStatusInterrupt) {
  write(kIer, 0x08);
  write(kMcr, 0x10);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}}));
  EXPECT_EQ(read(kIir), 0x00);
  read(kMsr);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{4, true}, {4, false}}));
}

TEST_F(UartTest, FifoTriggerLevelTimeoutAndOverrun) {
  write(kIir, 0xC1);  // FCR: FIFO on, trigger level 14
  EXPECT_EQ(read(kIir), 0xC1);
  write(kIer, 0x01);
  for (u8 i = 0; i < 3; ++i) EXPECT_TRUE(uart.push_input(i));
  EXPECT_EQ(read(kIir), 0xCC);  // below the trigger level: character timeout
  for (u8 i = 3; i < 14; ++i) EXPECT_TRUE(uart.push_input(i));
  EXPECT_EQ(read(kIir), 0xC4);
  EXPECT_TRUE(uart.push_input(14));
  EXPECT_TRUE(uart.push_input(15));
  EXPECT_FALSE(uart.accepts_input());
  EXPECT_FALSE(uart.push_input(16));  // the 17th byte is lost
  EXPECT_EQ(read(kLsr), 0x63);
  for (u8 i = 0; i < 16; ++i) EXPECT_EQ(read(kData), i);
  EXPECT_EQ(read(kLsr), 0x60);
  EXPECT_EQ(read(kIir), 0xC1);
}

TEST_F(UartTest, DisablingTheFifoClearsIt) {
  write(kIir, 0x01);
  uart.push_input(1);
  uart.push_input(2);
  write(kIir, 0x00);
  EXPECT_EQ(read(kLsr), 0x60);
  EXPECT_EQ(read(kIir), 0x01);
}

TEST_F(UartTest, RbrHoldsOneByteWithoutFifo) {
  EXPECT_TRUE(uart.accepts_input());
  uart.push_input(7);
  EXPECT_FALSE(uart.accepts_input());
}

TEST_F(UartTest, WideReadsSplitIntoByteCycles) {
  EXPECT_EQ(uart.port_in(kBase + kLsr, 2), 0xB060u);  // LSR, then MSR
  write(kScr, 0x12);
  EXPECT_EQ(uart.port_in(kBase + kScr, 2), 0xFF12u);  // 0x400 is not a UART port
}

// ---- Pic8259Pair -------------------------------------------------------------------------------

class PicTest : public ::testing::Test {
 protected:
  // The PC programming: master vectors 0x20, slave 0x28 on IR2, 8086 mode, all unmasked.
  void init(u8 master_icw4 = 0x01) {
    out8(pic, 0x20, 0x11);
    out8(pic, 0x21, 0x20);
    out8(pic, 0x21, 0x04);
    out8(pic, 0x21, master_icw4);
    out8(pic, 0xA0, 0x11);
    out8(pic, 0xA1, 0x28);
    out8(pic, 0xA1, 0x02);
    out8(pic, 0xA1, 0x01);
    out8(pic, 0x21, 0x00);
    out8(pic, 0xA1, 0x00);
  }
  void master_eoi() { out8(pic, 0x20, 0x20); }
  void slave_eoi() { out8(pic, 0xA0, 0x20); }

  Pic8259Pair pic;
};

TEST_F(PicTest, MaskedUntilInitialized) {
  EXPECT_EQ(in8(pic, 0x21), 0xFF);
  pic.set_irq(0, true);
  EXPECT_FALSE(pic.interrupt_pending());
}

TEST_F(PicTest, Icw1ClearsTheMask) {
  out8(pic, 0x20, 0x11);
  EXPECT_EQ(in8(pic, 0x21), 0x00);
}

TEST_F(PicTest, InitSequenceSetsTheVectorBase) {
  init();
  pic.set_irq(1, true);
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x21);
  EXPECT_EQ(pic.isr(0), 0x02);
  EXPECT_EQ(pic.irr(0), 0x00);  // INTA ended the edge-triggered request
  EXPECT_FALSE(pic.interrupt_pending());
}

TEST_F(PicTest, MaskedRequestStaysInIrr) {
  init();
  out8(pic, 0x21, 0x02);
  pic.set_irq(1, true);
  EXPECT_FALSE(pic.interrupt_pending());
  out8(pic, 0x20, 0x0A);  // OCW3: read IRR
  EXPECT_EQ(in8(pic, 0x20), 0x02);
  out8(pic, 0x21, 0x00);
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x21);
}

TEST_F(PicTest, PriorityAndNesting) {
  init();
  pic.set_irq(5, true);
  pic.set_irq(3, true);
  EXPECT_EQ(pic.acknowledge(), 0x23);
  EXPECT_EQ(pic.isr(0), 0x08);
  EXPECT_FALSE(pic.interrupt_pending());  // IRQ 5 waits behind IRQ 3 in service
  pic.set_irq(1, true);
  EXPECT_TRUE(pic.interrupt_pending());  // IRQ 1 outranks it
  EXPECT_EQ(pic.acknowledge(), 0x21);
  EXPECT_EQ(pic.isr(0), 0x0A);
  master_eoi();  // non-specific: the highest in service, IRQ 1
  EXPECT_EQ(pic.isr(0), 0x08);
  EXPECT_FALSE(pic.interrupt_pending());
  master_eoi();
  EXPECT_EQ(pic.isr(0), 0x00);
  EXPECT_EQ(pic.acknowledge(), 0x25);
}

TEST_F(PicTest, SpecificEoi) {
  init();
  pic.set_irq(4, true);
  EXPECT_EQ(pic.acknowledge(), 0x24);
  pic.set_irq(3, true);
  EXPECT_EQ(pic.acknowledge(), 0x23);
  EXPECT_EQ(pic.isr(0), 0x18);
  out8(pic, 0x20, 0x64);  // specific EOI for IR4
  EXPECT_EQ(pic.isr(0), 0x08);
}

TEST_F(PicTest, CascadedInterruptGivesTheSlaveVector) {
  init();
  pic.set_irq(10, true);
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x2A);
  EXPECT_EQ(pic.isr(0), 0x04);
  EXPECT_EQ(pic.isr(1), 0x04);
  EXPECT_FALSE(pic.interrupt_pending());
  slave_eoi();
  master_eoi();
  EXPECT_EQ(pic.isr(0), 0x00);
  EXPECT_EQ(pic.isr(1), 0x00);
}

TEST_F(PicTest, SecondSlaveRequestWaitsForBothEois) {
  init();
  pic.set_irq(10, true);
  EXPECT_EQ(pic.acknowledge(), 0x2A);
  pic.set_irq(11, true);  // lower priority than IRQ 10 in service on the slave
  EXPECT_FALSE(pic.interrupt_pending());
  slave_eoi();  // the slave's INT rises, but master IR2 is still in service
  EXPECT_FALSE(pic.interrupt_pending());
  master_eoi();
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x2B);
}

TEST_F(PicTest, SlaveRequestLeftAfterInterruptAcknowledgeIsANewEdge) {
  init();
  out8(pic, 0xA0, 0x11);  // slave again, now in auto-EOI
  out8(pic, 0xA1, 0x28);
  out8(pic, 0xA1, 0x02);
  out8(pic, 0xA1, 0x03);
  pic.set_irq(10, true);
  pic.set_irq(11, true);
  EXPECT_EQ(pic.acknowledge(), 0x2A);  // the slave's INT stays asserted for IRQ 11
  EXPECT_FALSE(pic.interrupt_pending());
  master_eoi();
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x2B);
}

TEST_F(PicTest, EdgeTriggeredInputNeedsANewEdge) {
  init();
  pic.set_irq(3, true);
  EXPECT_EQ(pic.acknowledge(), 0x23);
  master_eoi();
  EXPECT_FALSE(pic.interrupt_pending());  // the line is still high, but there was no new edge
  out8(pic, 0x20, 0x0A);
  EXPECT_EQ(in8(pic, 0x20), 0x00);
  pic.set_irq(3, false);
  pic.set_irq(3, true);
  EXPECT_TRUE(pic.interrupt_pending());
}

TEST_F(PicTest, RequestThatGoesAwayGivesSpuriousIrq7) {
  init();
  pic.set_irq(3, true);
  EXPECT_TRUE(pic.interrupt_pending());
  pic.set_irq(3, false);
  EXPECT_FALSE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x27);
  EXPECT_EQ(pic.isr(0), 0x00);  // a spurious IRQ 7 sets no ISR bit
}

TEST_F(PicTest, LevelTriggeredThroughElcr) {
  init();
  out8(pic, 0x4D1, 0x04);  // IRQ 10 level-triggered
  EXPECT_EQ(in8(pic, 0x4D1), 0x04);
  out8(pic, 0x4D0, 0xFF);
  EXPECT_EQ(in8(pic, 0x4D0), 0xF8);  // IRQ 0-2 are always edge-triggered
  out8(pic, 0x4D1, 0xFF);
  EXPECT_EQ(in8(pic, 0x4D1), 0xDE);  // as are IRQ 8 and 13
  pic.set_irq(10, true);
  EXPECT_EQ(pic.acknowledge(), 0x2A);
  EXPECT_EQ(pic.irr(1), 0x04);  // a level request stays in IRR after INTA
  slave_eoi();
  master_eoi();
  EXPECT_TRUE(pic.interrupt_pending());
  pic.set_irq(10, false);
  EXPECT_FALSE(pic.interrupt_pending());
}

TEST_F(PicTest, LevelTriggeredThroughIcw1) {
  out8(pic, 0x20, 0x19);  // LTIM
  out8(pic, 0x21, 0x40);
  out8(pic, 0x21, 0x04);
  out8(pic, 0x21, 0x01);
  pic.set_irq(4, true);
  EXPECT_EQ(pic.acknowledge(), 0x44);
  master_eoi();
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x44);
}

TEST_F(PicTest, AutoEoiLeavesIsrClear) {
  init(0x03);
  pic.set_irq(1, true);
  EXPECT_EQ(pic.acknowledge(), 0x21);
  EXPECT_EQ(pic.isr(0), 0x00);
  pic.set_irq(6, true);
  EXPECT_TRUE(pic.interrupt_pending());  // nothing in service blocks IRQ 6
  EXPECT_EQ(pic.acknowledge(), 0x26);
}

TEST_F(PicTest, Ocw3SelectsIsrOrIrr) {
  init();
  pic.set_irq(3, true);
  pic.acknowledge();
  pic.set_irq(5, true);
  out8(pic, 0x20, 0x0B);
  EXPECT_EQ(in8(pic, 0x20), 0x08);
  out8(pic, 0x20, 0x0A);
  EXPECT_EQ(in8(pic, 0x20), 0x20);
}

TEST_F(PicTest, PollCommandActsAsAcknowledge) {
  init();
  pic.set_irq(6, true);
  out8(pic, 0x20, 0x0C);  // OCW3: poll
  EXPECT_EQ(in8(pic, 0x20), 0x86);
  EXPECT_EQ(pic.isr(0), 0x40);
  EXPECT_EQ(in8(pic, 0x20), 0x00);  // the next read is IRR again
  out8(pic, 0x20, 0x0C);
  EXPECT_EQ(in8(pic, 0x20), 0x00);  // nothing requested
}

TEST_F(PicTest, RotateOnNonSpecificEoi) {
  init();
  pic.set_irq(3, true);
  EXPECT_EQ(pic.acknowledge(), 0x23);
  out8(pic, 0x20, 0xA0);  // IR3 becomes the lowest priority, IR4 the highest
  EXPECT_EQ(pic.isr(0), 0x00);
  pic.set_irq(1, true);
  pic.set_irq(4, true);
  EXPECT_EQ(pic.acknowledge(), 0x24);
}

TEST_F(PicTest, SpecialMaskModeLetsLowerLevelsIn) {
  init();
  pic.set_irq(3, true);
  EXPECT_EQ(pic.acknowledge(), 0x23);
  out8(pic, 0x21, 0x08);
  out8(pic, 0x20, 0x68);  // OCW3: set special mask mode
  pic.set_irq(5, true);
  EXPECT_TRUE(pic.interrupt_pending());
  EXPECT_EQ(pic.acknowledge(), 0x25);
}

TEST_F(PicTest, Irq2IsRoutedToIrq9) {
  init();
  pic.set_irq(2, true);
  EXPECT_EQ(pic.acknowledge(), 0x29);
}

TEST_F(PicTest, WordReadCoversBothPorts) {
  init();
  out8(pic, 0x21, 0xAB);
  pic.set_irq(0, true);
  EXPECT_EQ(pic.port_in(0x20, 2), 0xAB01u);  // IRR (IRQ 0 masked but requested), then IMR
}

// ---- Pit8254 and port 0x61 --------------------------------------------------------------------

// The clock runs at ten times the PIT input frequency: PIT tick t starts at cycle 10 t.
class PitTest : public ::testing::Test {
 protected:
  static constexpr u64 kCyclesPerTick = 10;

  void at_tick(u64 tick) { clock.cycles = tick * kCyclesPerTick; }
  void control(u8 value) { out8(pit, 0x43, value); }
  void count(unsigned ch, u16 value) {
    out8(pit, static_cast<u16>(0x40 + ch), static_cast<u8>(value));
    out8(pit, static_cast<u16>(0x40 + ch), static_cast<u8>(value >> 8));
  }
  u16 read_lohi(unsigned ch) {
    u8 lo = in8(pit, static_cast<u16>(0x40 + ch));
    return static_cast<u16>(lo | in8(pit, static_cast<u16>(0x40 + ch)) << 8);
  }
  u16 latched(unsigned ch) {
    control(static_cast<u8>(ch << 6));
    return read_lohi(ch);
  }
  // Moves the clock to the next IRQ 0 edge and delivers it.
  void run_to_next_event() {
    clock.cycles = pit.next_event_cycle();
    pit.update();
  }

  timing::Clock clock{0, Pit8254::kInputHz* kCyclesPerTick};
  FakeIrqSink irq;
  Pit8254 pit{clock, &irq};
};

TEST_F(PitTest, IdleUntilProgrammed) {
  EXPECT_EQ(pit.next_event_cycle(), UINT64_MAX);
  control(0x34);
  EXPECT_EQ(pit.next_event_cycle(), UINT64_MAX);  // no count yet
  EXPECT_EQ(in8(pit, 0x43), 0xFF);
}

TEST_F(PitTest, Mode2CountsDownAndReloads) {
  control(0x34);
  count(0, 100);  // loaded at tick 1
  at_tick(1);
  EXPECT_EQ(latched(0), 100);
  at_tick(11);
  EXPECT_EQ(latched(0), 90);
  at_tick(100);
  EXPECT_EQ(latched(0), 1);
  at_tick(101);
  EXPECT_EQ(latched(0), 100);
  at_tick(150);
  EXPECT_EQ(latched(0), 51);
}

TEST_F(PitTest, Mode2Irq0Edges) {
  control(0x34);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{0, true}}));  // OUT high after the mode set
  count(0, 100);
  EXPECT_EQ(pit.next_event_cycle(), 1000u);  // OUT low for one tick when the count is 1
  clock.cycles = 999;
  pit.update();
  EXPECT_EQ(irq.events.size(), 1u);
  clock.cycles = 1000;
  pit.update();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, false}));
  EXPECT_EQ(pit.next_event_cycle(), 1010u);
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, true}));
  EXPECT_EQ(pit.next_event_cycle(), 2000u);
  // Late by four periods: the missed whole periods merge, the last one's edges are delivered.
  at_tick(500);
  pit.update();
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{
                            {0, true}, {0, false}, {0, true}, {0, false}, {0, true}, {0, false}}));
  EXPECT_EQ(pit.next_event_cycle(), 5010u);
}

TEST_F(PitTest, Mode2PeriodDoesNotDriftAtAnOddClockRatio) {
  timing::Clock fast{0, 2'000'000'000};
  FakeIrqSink sink;
  Pit8254 timer{fast, &sink};
  out8(timer, 0x43, 0x34);
  out8(timer, 0x40, 11932 & 0xFF);
  out8(timer, 0x40, 11932 >> 8);  // about 100 Hz, loaded at tick 1
  unsigned rising = 0;
  while (rising < 1000) {
    fast.cycles = timer.next_event_cycle();
    timer.update();
    if (sink.events.back().level) ++rising;
  }
  // The 1000th rising edge is at tick 1 + 1000 * 11932, rounded up to a whole cycle.
  EXPECT_EQ(fast.cycles, 20'000'303'391u);
  EXPECT_EQ(sink.events.size(), 2001u);
}

TEST_F(PitTest, Mode3SquareWave) {
  control(0x36);
  count(0, 10);  // high for ticks 1-5, low for 6-10
  EXPECT_EQ(pit.next_event_cycle(), 60u);
  at_tick(1);
  EXPECT_EQ(latched(0), 10);
  at_tick(2);
  EXPECT_EQ(latched(0), 8);  // counts down by two
  at_tick(5);
  EXPECT_EQ(latched(0), 2);
  at_tick(6);
  EXPECT_EQ(latched(0), 10);  // reloaded for the low half
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{0, true}, {0, false}}));
  EXPECT_EQ(pit.next_event_cycle(), 110u);
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, true}));
  EXPECT_EQ(pit.next_event_cycle(), 160u);
}

TEST_F(PitTest, Mode3OddCountIsHighOneTickLonger) {
  control(0x36);
  count(0, 5);  // high for ticks 1-3, low for 4-5
  EXPECT_EQ(pit.next_event_cycle(), 40u);
  const u16 expected[] = {4, 2, 0, 4, 2, 4};
  for (u64 t = 1; t <= 6; ++t) {
    at_tick(t);
    EXPECT_EQ(latched(0), expected[t - 1]) << "tick " << t;
  }
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{0, true}, {0, false}, {0, true}}));
  EXPECT_EQ(pit.next_event_cycle(), 90u);
}

TEST_F(PitTest, Mode0RaisesIrq0AtTerminalCount) {
  control(0x30);
  EXPECT_TRUE(irq.events.empty());  // OUT low after the mode set
  count(0, 50);
  EXPECT_EQ(pit.next_event_cycle(), 510u);  // N + 1 ticks after the write
  run_to_next_event();
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{0, true}}));
  EXPECT_EQ(pit.next_event_cycle(), UINT64_MAX);
  EXPECT_EQ(latched(0), 0);
  at_tick(52);
  EXPECT_EQ(latched(0), 0xFFFF);  // the count wraps and keeps going
  count(0, 5);                    // a new count drops OUT again
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, false}));
}

TEST_F(PitTest, Mode4StrobesForOneTick) {
  control(0x38);
  count(0, 3);
  EXPECT_EQ(pit.next_event_cycle(), 40u);
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, false}));
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, true}));
  EXPECT_EQ(pit.next_event_cycle(), UINT64_MAX);
}

TEST_F(PitTest, CountOfZeroMeans65536) {
  control(0x34);
  count(0, 0);
  at_tick(1);
  EXPECT_EQ(latched(0), 0x0000);
  at_tick(2);
  EXPECT_EQ(latched(0), 0xFFFF);
  EXPECT_EQ(pit.next_event_cycle(), 65536u * kCyclesPerTick);
}

TEST_F(PitTest, LatchHoldsTheCountUntilRead) {
  control(0x34);
  count(0, 1000);
  at_tick(11);
  control(0x00);
  at_tick(20);
  control(0x00);  // ignored: the first latch has not been read
  at_tick(500);
  EXPECT_EQ(read_lohi(0), 990);
  EXPECT_EQ(read_lohi(0), 501);  // live again
}

TEST_F(PitTest, LiveLohiReadsAlternate) {
  control(0x34);
  count(0, 0x1234);
  at_tick(1);
  EXPECT_EQ(in8(pit, 0x40), 0x34);
  EXPECT_EQ(in8(pit, 0x40), 0x12);
  EXPECT_EQ(in8(pit, 0x40), 0x34);
}

TEST_F(PitTest, LsbOnlyAndMsbOnlyAccess) {
  control(0x10);  // counter 0, LSB only, mode 0
  out8(pit, 0x40, 0x20);
  at_tick(1);
  EXPECT_EQ(in8(pit, 0x40), 0x20);
  at_tick(3);
  EXPECT_EQ(in8(pit, 0x40), 0x1E);
  control(0x24);          // counter 0, MSB only, mode 2
  out8(pit, 0x40, 0x01);  // count 0x100, loaded at tick 4
  at_tick(4);
  EXPECT_EQ(in8(pit, 0x40), 0x01);
  at_tick(5);
  EXPECT_EQ(in8(pit, 0x40), 0x00);
}

TEST_F(PitTest, ReadBackLatchesStatusThenCount) {
  control(0x34);
  control(0xE2);                    // read-back: status of counter 0 only
  EXPECT_EQ(in8(pit, 0x40), 0xF4);  // OUT high, null count, lohi, mode 2
  count(0, 100);
  at_tick(5);
  control(0xC2);                    // read-back: count and status of counter 0
  EXPECT_EQ(in8(pit, 0x40), 0xB4);  // the count has been loaded
  EXPECT_EQ(read_lohi(0), 96);
  control(0xD2);  // count only
  at_tick(7);
  EXPECT_EQ(read_lohi(0), 96);
}

TEST_F(PitTest, ReadBackCanSelectSeveralCounters) {
  control(0x34);
  count(0, 100);
  control(0x74);  // counter 1, lohi, mode 2
  count(1, 18);
  at_tick(3);
  control(0xD6);  // count of counters 0 and 1
  at_tick(9);
  EXPECT_EQ(read_lohi(0), 98);
  EXPECT_EQ(read_lohi(1), 16);
}

TEST_F(PitTest, Mode2NewCountStartsAtTheNextReload) {
  control(0x34);
  count(0, 100);
  at_tick(50);
  count(0, 20);
  control(0xE2);
  EXPECT_EQ(in8(pit, 0x40), 0xF4);  // null count until the reload
  at_tick(60);
  EXPECT_EQ(latched(0), 41);  // still the old count
  EXPECT_EQ(pit.next_event_cycle(), 1000u);
  run_to_next_event();
  EXPECT_EQ(pit.next_event_cycle(), 1010u);
  run_to_next_event();
  EXPECT_EQ(latched(0), 20);
  EXPECT_EQ(pit.next_event_cycle(), 1200u);
  run_to_next_event();
  EXPECT_EQ(pit.next_event_cycle(), 1210u);
}

TEST_F(PitTest, Mode3NewCountStartsAtTheEndOfTheHalfPeriod) {
  control(0x36);
  count(0, 10);  // high 1-5, then low from 6
  at_tick(2);
  count(0, 4);  // takes over at tick 6 in its low half: low 6-7, high 8-9, low 10-11
  EXPECT_EQ(pit.next_event_cycle(), 60u);
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, false}));
  EXPECT_EQ(pit.next_event_cycle(), 80u);
  run_to_next_event();
  EXPECT_EQ(irq.events.back(), (IrqEvent{0, true}));
  EXPECT_EQ(pit.next_event_cycle(), 100u);
}

class PortBTest : public PitTest {
 protected:
  u8 port_b() { return in8(port61, 0x61); }
  SystemControlPortB port61{pit, clock};
};

TEST_F(PortBTest, GateStartsCounter2AndBit5ShowsItsOutput) {
  control(0xB0);  // counter 2, lohi, mode 0
  count(2, 100);
  EXPECT_EQ(port_b(), 0x00);
  at_tick(5);
  EXPECT_EQ(latched(2), 100);  // the gate is low: no counting
  at_tick(10);
  out8(port61, 0x61, 0x03);  // gate on, speaker data on
  at_tick(109);
  EXPECT_EQ(port_b(), 0x03);
  at_tick(110);
  EXPECT_EQ(port_b(), 0x23);
}

TEST_F(PortBTest, RefreshBitTogglesEvery18Ticks) {
  at_tick(17);
  EXPECT_EQ(port_b() & 0x10, 0x00);
  at_tick(18);
  EXPECT_EQ(port_b() & 0x10, 0x10);
  at_tick(36);
  EXPECT_EQ(port_b() & 0x10, 0x00);
}

TEST_F(PortBTest, Mode1OneShotIsTriggeredByTheGate) {
  control(0xB2);  // counter 2, lohi, mode 1
  count(2, 5);
  EXPECT_EQ(port_b(), 0x20);  // OUT high until triggered
  at_tick(10);
  out8(port61, 0x61, 0x01);
  at_tick(11);
  EXPECT_EQ(port_b(), 0x01);  // low from the tick after the trigger
  at_tick(15);
  EXPECT_EQ(port_b(), 0x01);
  at_tick(16);
  EXPECT_EQ(port_b(), 0x21);
}

TEST_F(PortBTest, GateLowStopsMode2WithOutHigh) {
  control(0xB4);  // counter 2, lohi, mode 2
  count(2, 4);
  out8(port61, 0x61, 0x01);  // loaded at tick 1: low at tick 4, 8, ...
  at_tick(4);
  EXPECT_EQ(port_b() & 0x20, 0x00);
  out8(port61, 0x61, 0x00);
  EXPECT_EQ(port_b() & 0x20, 0x20);
  at_tick(8);
  EXPECT_EQ(port_b() & 0x20, 0x20);
  out8(port61, 0x61, 0x01);  // reloaded at tick 9: low at tick 12
  at_tick(12);
  EXPECT_EQ(port_b() & 0x20, 0x00);
}

// ---- Port92 and Kbc8042 ------------------------------------------------------------------------

class ResetTest : public ::testing::Test {
 protected:
  mem::Bus bus{2 << 20};
  int resets = 0;
  std::function<void()> reset = [this] { ++resets; };
};

using Port92Test = ResetTest;

TEST_F(Port92Test, Bit1GatesA20) {
  Port92 port{bus, reset};
  bus.write(0x000000, 1, 0x11);
  bus.write(0x100000, 1, 0xAB);
  out8(port, 0x92, 0x00);
  EXPECT_FALSE(bus.a20());
  EXPECT_EQ(in8(port, 0x92), 0x00);
  EXPECT_EQ(bus.read(0x100000, 1), 0x11u);  // wraps to 0
  out8(port, 0x92, 0x02);
  EXPECT_TRUE(bus.a20());
  EXPECT_EQ(in8(port, 0x92), 0x02);
  EXPECT_EQ(bus.read(0x100000, 1), 0xABu);
  EXPECT_EQ(resets, 0);
}

TEST_F(Port92Test, Bit0RisingEdgeResets) {
  Port92 port{bus, reset};
  out8(port, 0x92, 0x03);
  EXPECT_EQ(resets, 1);
  EXPECT_EQ(in8(port, 0x92), 0x03);
  out8(port, 0x92, 0x03);  // still set: no new pulse
  EXPECT_EQ(resets, 1);
  out8(port, 0x92, 0x02);
  out8(port, 0x92, 0x03);
  EXPECT_EQ(resets, 2);
}

class KbcTest : public ResetTest {
 protected:
  u8 status() { return in8(kbc, 0x64); }
  void command(u8 c) { out8(kbc, 0x64, c); }
  u8 data() { return in8(kbc, 0x60); }

  FakeIrqSink irq;
  Kbc8042 kbc{bus, reset, &irq};
};

TEST_F(KbcTest, PowerOnStatus) {
  EXPECT_EQ(status(), 0x10);
  EXPECT_EQ(kbc.command_byte(), 0x03);
}

TEST_F(KbcTest, SelfTestAnswers55AndSetsSystemFlag) {
  command(0xAA);
  EXPECT_EQ(status(), 0x1D);  // output full, system flag, last write a command, not inhibited
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{1, true}}));
  EXPECT_EQ(data(), 0x55);
  EXPECT_EQ(status(), 0x1C);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{1, true}, {1, false}}));
}

TEST_F(KbcTest, CommandByteReadAndWrite) {
  command(0x20);
  EXPECT_EQ(data(), 0x03);
  EXPECT_EQ(irq.events, (std::vector<IrqEvent>{{1, true}, {1, false}}));
  command(0x60);
  out8(kbc, 0x60, 0x44);  // system flag, keyboard interrupt off
  EXPECT_EQ(status(), 0x14);
  command(0x20);
  EXPECT_EQ(data(), 0x44);
  command(0xAB);
  EXPECT_EQ(data(), 0x00);
  EXPECT_EQ(irq.events.size(), 2u);  // interrupts were off for these replies
}

TEST_F(KbcTest, OutputPortControlsA20) {
  command(0xD0);
  EXPECT_EQ(data(), 0xCF);
  command(0xD1);
  out8(kbc, 0x60, 0x01);
  EXPECT_FALSE(bus.a20());
  command(0xD0);
  EXPECT_EQ(data(), 0x01);
  command(0xD1);
  out8(kbc, 0x60, 0xDF);
  EXPECT_TRUE(bus.a20());
  command(0xD0);
  EXPECT_EQ(data(), 0xCF);
  EXPECT_EQ(resets, 0);
}

TEST_F(KbcTest, OutputPortBit0LowResets) {
  command(0xD1);
  out8(kbc, 0x60, 0x02);
  EXPECT_EQ(resets, 1);
  EXPECT_TRUE(bus.a20());
}

TEST_F(KbcTest, PulseCommandsReset) {
  command(0xFE);
  EXPECT_EQ(resets, 1);
  command(0xFF);  // pulses nothing
  EXPECT_EQ(resets, 1);
  command(0xF0);
  EXPECT_EQ(resets, 2);
}

TEST_F(KbcTest, KeyboardAndAuxEnableBits) {
  command(0xAD);
  EXPECT_EQ(kbc.command_byte(), 0x13);
  command(0xA7);
  EXPECT_EQ(kbc.command_byte(), 0x33);
  command(0xAE);
  command(0xA8);
  EXPECT_EQ(kbc.command_byte(), 0x03);
}

TEST_F(KbcTest, A20Shortcuts) {
  command(0xDD);
  EXPECT_FALSE(bus.a20());
  command(0xDF);
  EXPECT_TRUE(bus.a20());
}

TEST_F(KbcTest, KeyboardBytesAreDropped) {
  out8(kbc, 0x60, 0xFF);
  EXPECT_EQ(status(), 0x10);
  EXPECT_EQ(kbc.command_byte(), 0x03);
}

// ---- Small devices -----------------------------------------------------------------------------

TEST(DebugConsoleTest, WritesGoToTheOutputAndReadsIdentifyThePort) {
  std::string text;
  DebugConsole con{[&](u8 b) { text.push_back(static_cast<char>(b)); }};
  out8(con, 0xE9, 'o');
  out8(con, 0xE9, 'k');
  con.port_out(0xE9, 2, 0x4241);  // only the low byte is at 0xE9
  EXPECT_EQ(text, "okA");
  EXPECT_EQ(in8(con, 0xE9), 0xE9);
}

std::optional<int> exit_status_after(u32 value, unsigned size = 1, unsigned iosize = 1) {
  IsaDebugExit dev{IsaDebugExit::kDefaultPort, iosize};
  dev.port_out(IsaDebugExit::kDefaultPort, size, value);
  return dev.exit_status();
}

TEST(IsaDebugExitTest, StatusIsValueShiftedLeftOrOne) {
  EXPECT_EQ(exit_status_after(0x00), 1);
  EXPECT_EQ(exit_status_after(0x01), 3);
  EXPECT_EQ(exit_status_after(0x7F), 0xFF);
}

TEST(IsaDebugExitTest, IoSizeLimitsTheValue) {
  EXPECT_EQ(exit_status_after(0x0102, 2, 1), 5);
  EXPECT_EQ(exit_status_after(0x12345, 4, 4), 0x2468B);
  EXPECT_EQ(exit_status_after(0x12345, 1, 4), 0x8B);
}

TEST(IsaDebugExitTest, FirstRequestWinsAndOtherPortsAreIgnored) {
  IsaDebugExit dev;
  EXPECT_EQ(dev.exit_status(), std::nullopt);
  dev.port_out(0xF5, 1, 9);
  EXPECT_EQ(dev.exit_status(), std::nullopt);
  dev.port_out(0xF4, 1, 1);
  dev.port_out(0xF4, 1, 2);
  EXPECT_EQ(dev.exit_status(), 3);
  EXPECT_EQ(dev.port_in(0xF4, 1), 0xFFu);
}

TEST(IsaDebugExitTest, RejectsOtherIoSizes) {
  EXPECT_THROW(IsaDebugExit(0xF4, 2), UserError);
  EXPECT_EQ(IsaDebugExit(0x501, 4).base(), 0x501);
}

class RecordingSink : public trace::Sink {
 public:
  void post_code(const trace::PostCode& e) override { codes.push_back(e); }
  std::vector<trace::PostCode> codes;
};

TEST(PostPortTest, WriteEmitsATraceEventWithTheCycle) {
  auto sink = std::make_unique<RecordingSink>();
  RecordingSink* seen = sink.get();
  trace::Tracer tracer;
  tracer.add(std::move(sink));
  tracer.set_mask(trace::bit(trace::Kind::kPostCode));
  timing::Clock clock;
  clock.cycles = 1234;
  PostPort post{&tracer, clock};
  out8(post, 0x80, 0x42);
  ASSERT_EQ(seen->codes.size(), 1u);
  EXPECT_EQ(seen->codes[0].cycle, 1234u);
  EXPECT_EQ(seen->codes[0].code, 0x42);
  EXPECT_EQ(in8(post, 0x80), 0x42);
  tracer.set_mask(trace::bit(trace::Kind::kPortIo));
  out8(post, 0x80, 0x43);
  EXPECT_EQ(seen->codes.size(), 1u);  // post codes not selected
  EXPECT_EQ(post.last_code(), 0x43);
}

TEST(PostPortTest, WorksWithoutATracer) {
  timing::Clock clock;
  PostPort post{nullptr, clock};
  EXPECT_EQ(in8(post, 0x80), 0x00);
  out8(post, 0x80, 0xAA);
  EXPECT_EQ(in8(post, 0x80), 0xAA);
}

bool shutdown_after(const std::string& bytes) {
  BochsShutdownPort port;
  for (char c : bytes) out8(port, 0x8900, static_cast<u8>(c));
  return port.shutdown_requested();
}

TEST(BochsShutdownPortTest, ShutdownSequenceRequestsShutdown) {
  EXPECT_TRUE(shutdown_after("Shutdown"));
  EXPECT_TRUE(shutdown_after("SShutdown"));
  EXPECT_TRUE(shutdown_after("xShutdown"));
  EXPECT_FALSE(shutdown_after("Shutdow"));
  EXPECT_FALSE(shutdown_after("Shutxdown"));
  EXPECT_FALSE(shutdown_after("shutdown"));
}

}  // namespace
}  // namespace vtsim::platform
