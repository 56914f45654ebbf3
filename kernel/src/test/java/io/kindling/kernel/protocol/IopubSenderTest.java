package io.kindling.kernel.protocol;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A real IOPub socket and a subscriber that checks every message's frames and signature as Jupyter does. */
class IopubSenderTest {
    private static final String KEY = "a-test-key";

    private final ZMQ.Context context = ZMQ.context(1);
    private IOPubChannel iopub;
    private ZMQ.Socket subscriber;
    private IopubSender sender;

    @BeforeEach
    void connect() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        KernelConnectionProperties properties = new KernelConnectionProperties("127.0.0.1", 0, 0, 0, 0, port, "tcp",
                "hmac-sha256", KEY);
        iopub = new IOPubChannel(context, properties.createHMACGenerator());
        iopub.bind(properties);
        subscriber = context.socket(SocketType.SUB);
        subscriber.connect("tcp://127.0.0.1:" + port);
        subscriber.subscribe(new byte[0]);
        subscriber.setReceiveTimeOut(100);
        sender = new IopubSender(iopub);
        // A PUB socket drops what it sends before the subscription arrives: send until one gets through.
        for (int i = 0; i < 100 && subscriber.recv() == null; i++) {
            sender.send(stream("probe"));
        }
        while (subscriber.recv() != null) {
            // drain probes and their remaining frames
        }
    }

    @AfterEach
    void close() {
        sender.close();
        subscriber.close();
        iopub.close();
        context.close();
    }

    @Test
    void aCallerWhoseThreadIsInterruptedStillSendsWholeMessagesAndKeepsItsInterrupt() throws Exception {
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread cell = new Thread(() -> {
            try {
                sender.send(stream("before"));
                Thread.currentThread().interrupt();
                sender.send(stream("while interrupted"));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                sender.send(stream("after"));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        cell.start();
        cell.join();

        assertThat(failure.get()).isNull();
        assertThat(stillInterrupted).isTrue();
        assertThat(receiveTexts(3)).containsExactly("before", "while interrupted", "after");
    }

    @Test
    void messagesFromManyThreadsAreEachWholeAndSigned() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    if (i % 5 == 0) {
                        Thread.currentThread().interrupt();
                    }
                    sender.send(stream(id + ":" + i));
                    Thread.interrupted();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(receiveTexts(100)).hasSize(100).doesNotHaveDuplicates();
    }

    private static Message<PublishStream> stream(String text) {
        return new Message<>(null, PublishStream.MESSAGE_TYPE, new PublishStream(PublishStream.StreamType.OUT, text));
    }

    /** Receives {@code count} messages, asserting each has Jupyter's frames and a valid signature; returns their texts. */
    private List<String> receiveTexts(int count) throws Exception {
        List<String> texts = new ArrayList<>();
        while (texts.size() < count) {
            List<byte[]> frames = new ArrayList<>();
            byte[] first = null;
            for (int wait = 0; wait < 50 && first == null; wait++) {
                first = subscriber.recv();
            }
            assertThat(first).as("message %d of %d arrived", texts.size() + 1, count).isNotNull();
            frames.add(first);
            while (subscriber.hasReceiveMore()) {
                frames.add(subscriber.recv());
            }
            List<String> asText = frames.stream().map(frame -> new String(frame, StandardCharsets.UTF_8)).toList();
            int delimiter = asText.indexOf("<IDS|MSG>");
            assertThat(delimiter).as("one delimiter in %s", asText).isEqualTo(asText.lastIndexOf("<IDS|MSG>")).isNotNegative();
            assertThat(frames.size() - delimiter).as("delimiter, signature, header, parent, metadata, content in %s", asText)
                    .isEqualTo(6);
            assertThat(asText.get(delimiter + 1)).as("signature").isEqualTo(sign(frames.subList(delimiter + 2, delimiter + 6)));
            String content = asText.get(delimiter + 5);
            texts.add(content.replaceAll("(?s).*\"text\":\"([^\"]*)\".*", "$1"));
        }
        return texts;
    }

    private static String sign(List<byte[]> parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        parts.forEach(mac::update);
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
