"""Independent reference encoder for k8s-synth protocol v1 (no shared code with the TS codec).
Writes resources/protocol/vectors.json. The TS tests check the codec against it."""
import json, struct, sys

TYPES = {'hello':0x01,'module-info':0x02,'module-gone':0x03,'cable-on':0x10,'cable-off':0x11,'jack':0x12,'knob':0x20,'switch':0x21,
 'heartbeat':0x30,'snap-begin':0x31,'snap-end':0x32,'fault':0x33,'log':0x34,'pong':0x35,'hello-req':0x41,'snapshot-req':0x42,
 'set-led':0x43,'set-leds':0x44,'set-gate':0x45,'config':0x46,'ping':0x47,'guide-jack':0x48,'guide-clear':0x49,'nack':0x7e,'ack':0x7f}
DIR=['input','output']; LED=['steady','blink','pulse']; GUIDE=['off','plug','unplug','done']
FAULT=['cable-conflict','bus-error','tx-overflow','module-error']; NACK=['unknown-type','bad-length','bad-index','busy','version']
LOGL=['debug','info','warn','error']

def payload(m):
    k=m['kind']; b=bytearray()
    u8=lambda v: b.append(v)
    u16=lambda v: b.extend(struct.pack('<H',v))
    u32=lambda v: b.extend(struct.pack('<I',v))
    if k=='hello':
        u8(m['protoMajor']);u8(m['protoMinor']);b.extend(bytes(m['firmware']));b.extend(bytes.fromhex(m['bridgeUid']))
        u16(m['maxFrame']);u16(m['caps']);n=m['name'].encode();assert len(n)<=16;u8(len(n));b.extend(n)
    elif k=='module-info':
        u8(m['slot']);u16(m['typeId']);u8(m['hwRev']);u32(m['moduleUid'])
        for f in ['inputs','outputs','knobs','switches','leds','knobBits']: u8(m[f])
    elif k=='module-gone': u8(m['slot'])
    elif k in('cable-on','cable-off'): u8(m['from']['slot']);u8(m['from']['jack']);u8(m['to']['slot']);u8(m['to']['jack'])
    elif k=='jack': u8(m['slot']);u8(DIR.index(m['direction']));u8(m['jack']);u8(1 if m['inserted'] else 0)
    elif k=='knob': u8(m['slot']);u8(m['knob']);u16(m['value'])
    elif k=='switch': u8(m['slot']);u8(m['switch']);u8(m['position'])
    elif k=='heartbeat': u32(m['uptimeMs']);u16(m['stateGen']);u16(m['crcErrors']);u16(m['dropped'])
    elif k=='snap-begin': u8(m['reqSeq']);u16(m['stateGen']);u8(m['modules']);u8(m['cables'])
    elif k=='snap-end': u8(m['reqSeq']);u16(m['stateGen']);u16(m['frameCount'])
    elif k=='fault': u8(FAULT.index(m['code']));u8(m['slot']);u16(m['detail'])
    elif k=='log': u8(LOGL.index(m['level']));t=m['text'].encode();assert len(t)<=50;u8(len(t));b.extend(t)
    elif k in('pong','ping'): u32(m['token'])
    elif k=='hello-req': u8(m['protoMajor']);u8(m['protoMinor']);b.extend(bytes(m['app']))
    elif k in('snapshot-req','guide-clear'): pass
    elif k=='set-led': u8(m['slot']);u8(m['led']);u8(m['level']);u8(LED.index(m['mode']));b.extend(bytes(m['rgb']))
    elif k=='set-leds': u8(m['slot']);u8(m['first']);assert len(m['levels'])<=48;u8(len(m['levels']));b.extend(bytes(m['levels']))
    elif k=='set-gate': u8(m['slot']);u8(m['jack']);u8(m['level']);u16(m['pulseMs'])
    elif k=='config': u8(m['knobMinIntervalMs']);u8(m['knobDeadband']);u16(m['heartbeatMs'])
    elif k=='guide-jack': u8(m['slot']);u8(DIR.index(m['direction']));u8(m['jack']);u8(GUIDE.index(m['state']))
    elif k=='nack': u8(m['ackedSeq']);u8(NACK.index(m['error']))
    elif k=='ack': u8(m['ackedSeq'])
    else: raise KeyError(k)
    return bytes(b)

def crc16(data):
    crc=0xFFFF
    for byte in data:
        crc^=byte<<8
        for _ in range(8): crc=((crc<<1)^0x1021)&0xFFFF if crc&0x8000 else (crc<<1)&0xFFFF
    return crc
assert crc16(b'123456789')==0x29B1

def cobs(data):
    out=bytearray(); block=bytearray()
    for i,byte in enumerate(data):
        if byte==0:
            out.append(len(block)+1); out+=block; block=bytearray()
        else:
            block.append(byte)
            if len(block)==254 and i<len(data)-1:
                out.append(255); out+=block; block=bytearray()
    out.append(len(block)+1); out+=block
    return bytes(out)

def body(m,seq,flags):
    b=bytes([TYPES[m['kind']],seq,flags])+payload(m)
    return b+struct.pack('>H',crc16(b))
def wire(m,seq,flags): 
    b=body(m,seq,flags); assert len(b)<=64, (m['kind'],len(b)); return cobs(b)+b'\x00'
def hx(b): return ' '.join(f'{x:02x}' for x in b)

addr=lambda s,j:{'slot':s,'jack':j}
V=[]
def v(name,seq,flags,m,note=None):
    e={'name':name,'seq':seq,'flags':flags,'message':m,'wire':hx(wire(m,seq,flags))}
    if note: e['note']=note
    V.append(e)

hello={'kind':'hello','protoMajor':2,'protoMinor':0,'firmware':[1,2,3],'bridgeUid':'e6614c311b7a2d25','maxFrame':64,'caps':0x001f,'name':'case A'}
v('hello',0,0,hello)
name16='Ünterkasten 123'; assert len(name16.encode())==16
v('hello with a 16-byte name (Ü is 2 bytes)',1,0,{**hello,'name':name16,'protoMinor':3,'bridgeUid':'0000000000000001','caps':0})
v('hello with an empty name',2,0,{**hello,'name':''})
v('module-info',3,0,{'kind':'module-info','slot':12,'typeId':1,'hwRev':2,'moduleUid':0xdeadbeef,'inputs':3,'outputs':2,'knobs':4,'switches':1,'leds':8,'knobBits':12})
v('module-info in a snapshot dump, zeros inside',4,2,{'kind':'module-info','slot':0,'typeId':0x0100,'hwRev':0,'moduleUid':0x00010000,'inputs':0,'outputs':1,'knobs':0,'switches':0,'leds':0,'knobBits':16},'FLAG_SNAPSHOT set: a frame between snap-begin and snap-end')
v('module-gone',5,0,{'kind':'module-gone','slot':20})
v('cable-on 3.1 → 12.0 (the worked example)',7,0,{'kind':'cable-on','from':addr(3,1),'to':addr(12,0)})
v('cable-off',8,0,{'kind':'cable-off','from':addr(3,1),'to':addr(12,0)})
v('jack inserted',9,0,{'kind':'jack','slot':12,'direction':'input','jack':2,'inserted':True})
v('jack pulled out (output)',10,0,{'kind':'jack','slot':3,'direction':'output','jack':0,'inserted':False})
v('knob (12-bit 0xABC << 4)',11,0,{'kind':'knob','slot':12,'knob':1,'value':0xABC0})
v('knob at 256: a zero byte inside',12,0,{'kind':'knob','slot':0,'knob':0,'value':0x0100})
v('knob at full scale',13,0,{'kind':'knob','slot':40,'knob':3,'value':0xFFF0})
v('switch',14,0,{'kind':'switch','slot':12,'switch':0,'position':2})
v('heartbeat',15,0,{'kind':'heartbeat','uptimeMs':123456,'stateGen':42,'crcErrors':0,'dropped':0})
v('heartbeat with every field at its maximum',16,0,{'kind':'heartbeat','uptimeMs':0xFFFFFFFF,'stateGen':0xFFFF,'crcErrors':0xFFFF,'dropped':0xFFFF})
v('snap-begin',17,0,{'kind':'snap-begin','reqSeq':5,'stateGen':42,'modules':2,'cables':1})
v('snap-end',18,0,{'kind':'snap-end','reqSeq':5,'stateGen':42,'frameCount':4})
v('fault cable-conflict',19,0,{'kind':'fault','code':'cable-conflict','slot':12,'detail':2},'input 12.2 sees two outputs: neither cable is reported')
v('log',20,0,{'kind':'log','level':'warn','text':'I2C retry on slot 12'})
log50='µ'*20+'0123456789'; assert len(log50.encode())==50
v('log with 50 bytes of text',21,0,{'kind':'log','level':'error','text':log50})
v('log with no text',22,0,{'kind':'log','level':'debug','text':''})
v('pong',23,0,{'kind':'pong','token':0x01020304})
v('pong with seq 255 (wraps to 0 next)',255,0,{'kind':'pong','token':0})
v('hello-req',0,0,{'kind':'hello-req','protoMajor':2,'protoMinor':0,'app':[0,1,0]})
v('snapshot-req',1,0,{'kind':'snapshot-req'})
v('set-led',2,0,{'kind':'set-led','slot':12,'led':3,'level':255,'mode':'steady','rgb':[0,0,0]})
v('set-led with rgb, ACK_REQ',3,1,{'kind':'set-led','slot':12,'led':0,'level':128,'mode':'pulse','rgb':[255,64,0]})
v('set-leds with 8 levels (a bargraph)',4,0,{'kind':'set-leds','slot':12,'first':0,'levels':[255,255,255,128,0,0,0,0]})
v('set-leds with 48 levels',5,0,{'kind':'set-leds','slot':0,'first':0,'levels':[(i*37)%256 for i in range(48)]})
v('set-leds with no levels',6,0,{'kind':'set-leds','slot':0,'first':7,'levels':[]})
v('set-gate pulse',7,0,{'kind':'set-gate','slot':20,'jack':1,'level':255,'pulseMs':10})
v('set-gate hold off',8,1,{'kind':'set-gate','slot':20,'jack':1,'level':0,'pulseMs':0})
v('config',9,1,{'kind':'config','knobMinIntervalMs':10,'knobDeadband':3,'heartbeatMs':500})
v('ping',10,0,{'kind':'ping','token':0xCAFE})
v('guide-jack',11,1,{'kind':'guide-jack','slot':3,'direction':'output','jack':1,'state':'plug'})
v('guide-clear',12,1,{'kind':'guide-clear'})
v('nack',13,0,{'kind':'nack','ackedSeq':3,'error':'bad-index'})
v('ack',14,0,{'kind':'ack','ackedSeq':3})

def byname(n): return next(x for x in V if x['name'].startswith(n))
good=byname('cable-on'); gw=wire(good['message'],good['seq'],good['flags'])
ack=byname('ack'); aw=wire(ack['message'],ack['seq'],ack['flags'])
Z={'frames':0,'crcErrors':0,'malformed':0,'badLength':0,'unknownType':0,'oversize':0,'bytesDiscarded':0}
def fr(x): return {'seq':x['seq'],'flags':x['flags'],'message':x['message']}
B=[]
def bad(name,w,frames,stats,note):
    B.append({'name':name,'wire':hx(w),'frames':[fr(f) for f in frames],'stats':{**Z,'frames':len(frames),**stats},'note':note})

cb=bytearray(body(good['message'],good['seq'],good['flags'])); cb[4]^=0x01
w=cobs(bytes(cb))+b'\x00'
bad('bad CRC, then a good frame',w+aw,[ack],{'crcErrors':1,'bytesDiscarded':len(w)-1},'bit 0 of byte 4 (from.jack) flipped before COBS; the frame is dropped and counted, the next one decodes')
trunc=gw[:5]+b'\x00'
bad('truncated frame, then a good frame',trunc+aw,[ack],{'malformed':1,'bytesDiscarded':5},'the first 5 bytes of the cable-on frame, then its delimiter: the COBS code byte points past the end')
garbage=bytes([0x13,0x37,0xff,0x80,0x00])
bad('garbage and a delimiter, then a good frame',garbage+gw,[good],{'malformed':1,'bytesDiscarded':4},'line noise at open: 13 37 ff 80 00 decodes as broken COBS; the decoder resyncs at its 00')
bad('lone delimiters, then a good frame',b'\x00\x00'+gw,[good],{},'empty frames (the flush a sender writes on open) are ignored and not counted')
u=bytes([0x3e,9,0]); u+=struct.pack('>H',crc16(u)); uw=cobs(u)+b'\x00'
bad('unknown type 0x3E with a good CRC, then a good frame',uw+gw,[good],{'unknownType':1,'bytesDiscarded':len(uw)-1},'a newer minor version\'s message: the host ignores it, a rack NACKs it (unknown-type)')
l=bytes([0x10,9,0,3,1,12]); l+=struct.pack('>H',crc16(l)); lw=cobs(l)+b'\x00'
bad('cable-on with 3 payload bytes, then a good frame',lw+aw,[ack],{'badLength':1,'bytesDiscarded':len(lw)-1},'good CRC, wrong length for its type: dropped and counted (a rack NACKs it: bad-length)')
e=bytes([0x43,9,0,12,3,255,3,0,0,0]); e+=struct.pack('>H',crc16(e)); ew=cobs(e)+b'\x00'
bad('set-led with mode 3, then a good frame',ew+aw,[ack],{'malformed':1,'bytesDiscarded':len(ew)-1},'good CRC and length, but mode 3 is not an LED mode: dropped and counted as malformed')
long=bytes([0x55])*200
bad('200 bytes without a delimiter, then a good frame',long+b'\x00'+gw,[good],{'oversize':1,'bytesDiscarded':200},'longer than 2 x 64 bytes: discarded as it arrives (bounded memory), then the decoder resyncs')
glued=bytes([0x42,0x42])+gw+aw
bad('garbage without a delimiter runs into a frame',glued,[ack],{'malformed':1,'bytesDiscarded':len(gw)+1},'42 42 glued to the cable-on frame corrupts it (broken COBS); the ack after it decodes. Senders that may have left noise write 00 before their first frame')

doc={'version':1,'protocol':'k8s-synth rack protocol 2.0','about':'Test vectors for resources/protocol/PROTOCOL.md. wire = the bytes on the serial line: COBS(type seq flags payload crc16be) 00. message fields as in the message tables. bad = streams a receiver must survive, with the frames it must return and its counters afterwards.','vectors':V,'bad':B}
json.dump(doc,open(sys.argv[1],'w'),indent=2,ensure_ascii=False)
print(len(V),len(B))
print('worked example', hx(body(good['message'],7,0)), '->', hx(gw))
