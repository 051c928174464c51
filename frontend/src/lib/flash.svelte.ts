// A one-time message carried across a navigation ("The receipt was deleted.").
class Flash {
  message: 'deleted' | null = $state(null);

  take(): 'deleted' | null {
    const message = this.message;
    this.message = null;
    return message;
  }
}

export const flash = new Flash();
