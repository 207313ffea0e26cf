/** Progress of a long plan on an interactive terminal: the count of registered resources. */

/** A progress line; silent unless enabled and the run outlasts the delay. */
export interface Progress {
    /** One more resource registered. */
    count(): void;
    /** Clears the line; call once the run is over. */
    stop(): void;
}

/**
 * Shows `plan: <n> resources registered` on `write` (stderr) when `enabled` (a TTY) and the
 * run takes longer than `delayMs`, refreshed a few times a second; quick runs print nothing.
 */
export function startProgress(
    write: (text: string) => void,
    enabled: boolean,
    delayMs = 2000,
): Progress {
    let registered = 0;
    if (!enabled) {
        return { count: () => registered++, stop: () => undefined };
    }
    let shown = false;
    let ticker: NodeJS.Timeout | undefined;
    const draw = () => {
        shown = true;
        write(`\rplan: ${registered} resources registered`);
    };
    const delay = setTimeout(() => {
        draw();
        ticker = setInterval(draw, 250);
        ticker.unref();
    }, delayMs);
    delay.unref();
    return {
        count: () => registered++,
        stop: () => {
            clearTimeout(delay);
            if (ticker) {
                clearInterval(ticker);
            }
            if (shown) {
                write("\r\x1b[K");
            }
        },
    };
}
