package io.cairn.http.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** One limit of one client: a bucket of tokens (requests or bytes) refilled at a steady rate, or no limit at all. */
sealed interface Rate {
    Rate UNLIMITED = new Unlimited();

    /**
     * What every bucket of one limit shares: a bucket of its own configuration would take a fifth more memory, and a
     * table holds up to 100,000 of them.
     *
     * @param perSecond tokens per second, and so many in a full bucket; 0 for no limit
     */
    record Config(long perSecond, Bandwidth bandwidth) {
        static Config perSecond(long tokens) {
            // Greedy refill: a token comes back every 1/rate of a second rather than all of them once a second, so a
            // client that waits the Retry-After it was given finds a token there.
            return new Config(tokens, tokens == 0 ? null
                    : Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofSeconds(1)).build());
        }

        Rate newRate(TimeMeter time) {
            return perSecond == 0 ? UNLIMITED
                    : new Limited(Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build(), perSecond);
        }
    }

    /** Takes a token if there is one: 0 if taken, else the nanoseconds until there is one (and nothing is taken). */
    long take();

    /** 0 if the bucket holds a token now, else the nanoseconds until it does (it is empty or in debt). */
    long nanosUntilToken();

    /** Charges tokens already spent, into debt if the bucket holds fewer. */
    void charge(long tokens);

    /** Whether the bucket is full: a new bucket starts full, so forgetting this one then changes nothing. */
    boolean full();

    record Limited(Bucket bucket, long capacity) implements Rate {
        @Override
        public long take() {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
        }

        @Override
        public long nanosUntilToken() {
            EstimationProbe probe = bucket.estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
        }

        @Override
        public void charge(long tokens) {
            if (tokens > 0) {
                bucket.consumeIgnoringRateLimits(tokens);
            }
        }

        @Override
        public boolean full() {
            return bucket.getAvailableTokens() >= capacity;
        }
    }

    record Unlimited() implements Rate {
        @Override
        public long take() {
            return 0;
        }

        @Override
        public long nanosUntilToken() {
            return 0;
        }

        @Override
        public void charge(long tokens) {
        }

        @Override
        public boolean full() {
            return true;
        }
    }
}
