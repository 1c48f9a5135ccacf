package dev.wirekit.chat.internal;

import dev.wirekit.chat.ChatServerConfig.PasswordHashing;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH}, unpadded base64), compared in constant time.
 * Each hash takes {@code m} KiB of memory, so at most a few run at once: a burst of logins waits for
 * a turn instead of exhausting the heap.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final PasswordHashing cost;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore running;
    private final String dummy;

    public PasswordHasher(PasswordHashing cost) {
        this(cost, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public PasswordHasher(PasswordHashing cost, int concurrency) {
        this.cost = cost;
        this.running = new Semaphore(concurrency, true);
        this.dummy = hash("not a password".toCharArray());
    }

    /** A new salted hash of {@code password}. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, cost.memoryKiB(), cost.iterations(), cost.parallelism(), HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code phc}. A null {@code phc} (no such account, or an account
     * without a password) costs the same time as a real check and answers false.
     */
    public boolean verify(char[] password, String phc) {
        Parsed p = phc == null ? null : parse(phc);
        if (p == null) {
            verify(password, dummy);
            return false;
        }
        byte[] actual = compute(password, p.salt, p.memory, p.iterations, p.parallelism, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** True when {@code phc} is a hash this class can check. */
    public static boolean isValid(String phc) {
        return parse(phc) != null;
    }

    private record Parsed(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {}

    private static Parsed parse(String phc) {
        String[] parts = phc.split("\\$", -1);
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return null;
        }
        try {
            int m = -1;
            int t = -1;
            int p = -1;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return null;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] hash = B64D.decode(parts[5]);
            if (m < 8 * p
                    || t < 1
                    || p < 1
                    || m > 4 * 1024 * 1024
                    || t > 100
                    || p > 64
                    || salt.length < 8
                    || hash.length < 16) {
                return null;
            }
            return new Parsed(m, t, p, salt, hash);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] compute(char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            generator.generateBytes(password, out);
            return out;
        } finally {
            running.release();
            params.clear();
        }
    }

    /** Overwrites {@code secret}: passwords do not linger in memory longer than needed. */
    public static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
