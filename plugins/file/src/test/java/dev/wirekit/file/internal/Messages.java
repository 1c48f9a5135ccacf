package dev.wirekit.file.internal;

import dev.wirekit.testkit.property.Generator;
import dev.wirekit.testkit.property.Generators;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random protocol messages for property tests: every header type, none announcing raw bytes. */
final class Messages {
    private static final Generator<String> TEXT = Generators.text(40, 300, cp -> true);

    private Messages() {}

    static Digest digest(SplittableRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Digest.of(b);
    }

    private static long size(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE;
            default -> random.nextLong(Long.MAX_VALUE);
        };
    }

    static Generator<FileMessage> headers() {
        return new Generator<>() {
            @Override
            public FileMessage next(SplittableRandom random, int size) {
                String name = TEXT.next(random, size);
                return switch (random.nextInt(14)) {
                    case 0 -> new FileMessage.Hello(random.nextInt(65536), name);
                    case 1 -> new FileMessage.Welcome(random.nextInt(65536), random.nextInt(), size(random));
                    case 2 -> new FileMessage.ListRequest();
                    case 3 -> {
                        List<FileMessage.Entry> entries = new ArrayList<>();
                        for (int i = random.nextInt(1 + size / 10); i > 0; i--) {
                            entries.add(
                                    new FileMessage.Entry(TEXT.next(random, size), size(random), random.nextLong()));
                        }
                        yield new FileMessage.Entries(entries);
                    }
                    case 4 -> new FileMessage.ListEnd(size(random));
                    case 5 -> new FileMessage.GetRequest(name, size(random));
                    case 6 ->
                        new FileMessage.FileHeader(size(random), random.nextLong(), digest(random), size(random), 0);
                    case 7 -> new FileMessage.PutRequest(name, size(random), digest(random), random.nextLong());
                    case 8 -> new FileMessage.Ready(size(random));
                    case 9 -> new FileMessage.Data(0);
                    case 10 -> new FileMessage.Stored(size(random), digest(random));
                    case 11 -> new FileMessage.DeleteRequest(name);
                    case 12 -> new FileMessage.Deleted();
                    default -> new FileMessage.ErrorReply(random.nextInt(65536), name);
                };
            }
        };
    }
}
